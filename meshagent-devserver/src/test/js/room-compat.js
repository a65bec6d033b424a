// Drives the official @meshagent/meshagent client against a devserver room (run by JsClientCompatibilityTest).
// Reads {roomUrl, aliceToken, bobToken, outsiderToken} as JSON on stdin; prints one line "RESULT <json>".
"use strict";
const { RoomClient, WebSocketClientProtocol } = require("@meshagent/meshagent");

function readStdin() {
  return new Promise((resolve, reject) => {
    let data = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk) => { data += chunk; });
    process.stdin.on("end", () => resolve(data));
    process.stdin.on("error", reject);
  });
}

// Every wait is bounded so a protocol mismatch fails the test with a message instead of hanging it.
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function nextEvent(emitter, name, predicate = () => true) {
  return new Promise((resolve) => {
    const listener = (event) => {
      if (predicate(event)) {
        emitter.off(name, listener);
        resolve(event);
      }
    };
    emitter.on(name, listener);
  });
}

function client(url, token) {
  // reconnectTimeout 0: a refused or dropped connection is reported, never retried forever.
  return new RoomClient({
    protocolFactory: WebSocketClientProtocol.createFactory({ url, token }),
    reconnectTimeout: 0,
  });
}

async function enableMessaging(room, what) {
  const enabled = nextEvent(room.messaging, "messaging_enabled");
  room.messaging.enable();
  await within(10000, what, enabled);
}

const names = (room) => room.messaging.remoteParticipants.map((p) => p.getAttribute("name")).sort();

async function main() {
  const cfg = JSON.parse(await readStdin());
  const result = {};
  const clients = [];
  try {
    // (a) join
    const alice = client(cfg.roomUrl, cfg.aliceToken);
    clients.push(alice);
    await within(10000, "alice to join", alice.start());
    result.alice = {
      roomName: alice.roomName,
      participantId: alice.localParticipant.id,
      name: alice.localParticipant.getAttribute("name"),
      sessionId: alice.sessionId,
    };
    await enableMessaging(alice, "alice's messaging to be enabled");

    // (b) see a second participant join
    const bobSeen = nextEvent(alice.messaging, "participant_added",
      (e) => e.message.message.attributes && e.message.message.attributes.name === "bob");
    const bob = client(cfg.roomUrl, cfg.bobToken);
    clients.push(bob);
    await within(10000, "bob to join", bob.start());
    result.bob = { roomName: bob.roomName, participantId: bob.localParticipant.id };
    await enableMessaging(bob, "bob's messaging to be enabled");
    const added = await within(10000, "alice to see bob join", bobSeen);
    result.aliceSawJoin = { id: added.message.message.id, name: added.message.message.attributes.name };
    result.aliceSees = names(alice);
    result.bobSees = names(bob);

    // (c) exchange messages: direct send bob -> alice, then broadcast alice -> everyone
    const aliceGot = nextEvent(alice.messaging, "message", (e) => e.message.type === "chat");
    const toAlice = bob.messaging.getParticipantByName("alice");
    await within(10000, "bob's sendMessage", bob.messaging.sendMessage({
      to: toAlice, type: "chat", message: { text: "hello alice", n: 1 },
    }));
    const m1 = (await within(10000, "alice to receive bob's message", aliceGot)).message;
    result.aliceReceived = {
      type: m1.type, message: m1.message,
      from: alice.messaging.getParticipant(m1.fromParticipantId)?.getAttribute("name"),
    };
    const bobGot = nextEvent(bob.messaging, "message", (e) => e.message.type === "chat");
    await within(10000, "alice's broadcast", alice.messaging.broadcastMessage({
      type: "chat", message: { text: "hello everyone", n: 2 },
    }));
    const m2 = (await within(10000, "bob to receive alice's broadcast", bobGot)).message;
    result.bobReceived = {
      type: m2.type, message: m2.message,
      from: bob.messaging.getParticipant(m2.fromParticipantId)?.getAttribute("name"),
    };

    // bob leaves; alice is told
    const bobLeft = nextEvent(alice.messaging, "participant_removed");
    bob.dispose();
    await within(10000, "alice to see bob leave", bobLeft);
    result.aliceSeesAfterBobLeft = names(alice);

    // (d) a token for another room is refused
    const outsider = client(cfg.roomUrl, cfg.outsiderToken);
    try {
      await within(10000, "the outsider's refusal", outsider.start());
      clients.push(outsider);
      result.outsider = { joined: true };
    } catch (e) {
      result.outsider = { joined: false, error: e.name, message: String(e.message) };
    }
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = String(e && e.stack ? e.stack : e);
  } finally {
    for (const c of clients) {
      try { c.dispose(); } catch (_) { /* closing anyway */ }
    }
  }
  process.stdout.write("RESULT " + JSON.stringify(result) + "\n");
  process.exit(result.ok ? 0 : 1);
}

main();
