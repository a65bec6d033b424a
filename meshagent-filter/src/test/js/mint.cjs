// CommonJS: the 0.39.9 package's "import" entry is CommonJS too, so ESM named imports fail.
// Mints a participant token with the official MeshAgent JS SDK and prints the JWT on stdout.
// Input (stdin, JSON): {"apiKey", "name", "room", "role", "expSeconds"}; the API key is a test fixture.
const { ApiScope, LLMGrant, MessagingGrant, ParticipantToken } = require("@meshagent/meshagent");

async function main() {
  const input = JSON.parse(await readStdin());
  const token = new ParticipantToken({ name: input.name });
  token.addRoomGrant(input.room);
  token.addRoleGrant(input.role);
  const api = ApiScope.userDefault();
  api.llm = new LLMGrant({ models: ["openai/*"] });
  api.messaging = new MessagingGrant({ broadcast: false });
  token.addApiGrant(api);
  const jwt = await token.toJwt({ apiKey: input.apiKey, expiration: new Date(input.expSeconds * 1000) });
  process.stdout.write(jwt + "\n");
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

main();
