// Browser side of /rooms/{name}: asks the filter for a participant token, joins the room with the
// official MeshAgent client (@meshagent/meshagent) and shows connection state, participants and
// messages. Bundled by the Maven build (esbuild) into target/classes/static/room.js.
import { Protocol, RoomClient, RoomStatusEvent } from "@meshagent/meshagent";

const root = document.getElementById("room");
const stateEl = document.getElementById("state");
const participantsEl = document.getElementById("participants");
const messagesEl = document.getElementById("messages");
const form = document.getElementById("message-form");
const input = document.getElementById("message-input");
const sendButton = document.getElementById("send");

const CHAT_TYPE = "chat";

/**
 * A websocket channel that carries the participant token in the `meshagent-room.<jwt>` subprotocol,
 * the browser transport of docs/meshagent-protocol.md §6.1. The SDK version pinned here puts the token in
 * the URL query instead; a token in a URL ends up in proxy and server logs, so we supply our own
 * channel through the SDK's ProtocolChannel seam (start / sendData / dispose).
 */
class SubprotocolChannel {
  constructor({ url, jwt }) {
    this.url = url;
    this.jwt = jwt;
    this.socket = null;
    this.finished = false;
    this.opened = new Promise((resolve, reject) => {
      this.resolveOpened = resolve;
      this.rejectOpened = reject;
    });
    this.opened.catch(() => {});
  }

  start(onDataReceived, { onDone, onError }) {
    const socket = new WebSocket(this.url, ["meshagent-room." + this.jwt]);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    const finish = (error) => {
      if (this.finished) return;
      this.finished = true;
      this.rejectOpened(error ?? new Error("websocket closed"));
      if (error) onError?.(error);
      else onDone?.();
    };
    socket.addEventListener("open", () => this.resolveOpened());
    socket.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) onDataReceived(new Uint8Array(event.data));
    });
    socket.addEventListener("close", (event) => {
      finish(event.code === 1000 ? null : new Error(event.reason || `room connection closed (${event.code})`));
    });
    socket.addEventListener("error", () => finish(new Error("the room connection failed")));
  }

  async sendData(data) {
    await this.opened;
    if (this.socket == null) throw new Error("websocket is closed");
    this.socket.send(data);
  }

  dispose() {
    const socket = this.socket;
    this.socket = null;
    if (socket && (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN)) {
      socket.close(1000);
    }
  }
}

class SubprotocolRoomProtocol extends Protocol {
  constructor({ url, token }) {
    super({ channel: new SubprotocolChannel({ url, jwt: token }) });
    this.roomUrl = url;
  }

  get url() {
    return this.roomUrl;
  }
}

function setState(state, text) {
  stateEl.dataset.state = state;
  stateEl.textContent = text;
}

function participantName(participant) {
  const name = participant.getAttribute("name");
  return typeof name === "string" && name.length > 0 ? name : participant.id;
}

function renderParticipants(client, me) {
  participantsEl.replaceChildren();
  const names = [me + " (you)", ...client.messaging.getParticipants().map(participantName)];
  for (const name of names) {
    const li = document.createElement("li");
    li.textContent = name;
    participantsEl.append(li);
  }
}

function appendMessage(from, text, mine) {
  const li = document.createElement("li");
  li.className = mine ? "message mine" : "message";
  const who = document.createElement("span");
  who.className = "from";
  who.textContent = from;
  const body = document.createElement("span");
  body.className = "text";
  body.textContent = text;
  li.append(who, body);
  messagesEl.append(li);
  messagesEl.scrollTop = messagesEl.scrollHeight;
}

async function fetchToken() {
  const response = await fetch(root.dataset.tokenUrl, {
    method: "POST",
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const why = body.detail || body.title || `HTTP ${response.status}`;
    throw new Error(why);
  }
  return body;
}

async function join() {
  setState("connecting", "Getting a participant token…");
  let grant;
  try {
    grant = await fetchToken();
  } catch (error) {
    setState("failed", "Could not get a token: " + error.message);
    return;
  }
  const me = grant.participant_name;
  setState("connecting", "Connecting to " + grant.room_name + "…");
  const client = new RoomClient({
    protocolFactory: () => new SubprotocolRoomProtocol({ url: grant.room_url, token: grant.token }),
    reconnectTimeout: 0,
  });
  client.on("room.status", (event) => {
    if (event instanceof RoomStatusEvent) setState(event.status, event.description);
  });
  const messaging = client.messaging;
  const refresh = () => renderParticipants(client, me);
  messaging.on("messaging_enabled", refresh);
  messaging.on("participant_added", refresh);
  messaging.on("participant_removed", refresh);
  messaging.on("participant_attributes_updated", refresh);
  messaging.on("message", (event) => {
    const message = event.message;
    if (message.type !== CHAT_TYPE) return;
    const sender = messaging.getParticipant(message.fromParticipantId);
    appendMessage(sender ? participantName(sender) : "someone", String(message.message.text ?? ""), false);
  });
  try {
    await client.start({
      onDone: () => setState("closed", "Disconnected from the room."),
      onError: (error) => setState("failed", "Connection lost: " + (error?.message ?? error)),
    });
  } catch (error) {
    setState("failed", "Could not join: " + (error?.message ?? error));
    return;
  }
  messaging.start();
  messaging.enable();
  refresh();
  setState("connected", "Connected to " + grant.room_name + " as " + me);
  input.disabled = false;
  sendButton.disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text.length === 0) return;
    input.value = "";
    try {
      await messaging.broadcastMessage({ type: CHAT_TYPE, message: { text } });
      appendMessage(me, text, true);
    } catch (error) {
      appendMessage("system", "Not sent: " + (error?.message ?? error), true);
    }
  });
  window.addEventListener("pagehide", () => client.dispose());
}

join();
