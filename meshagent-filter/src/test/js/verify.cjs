// CommonJS: the 0.39.9 package's "import" entry is CommonJS too, so ESM named imports fail.
// Verifies a participant token with the official MeshAgent JS SDK (HS256 with the API key's secret) and
// prints what the SDK decoded as JSON on stdout. Input (stdin, JSON): {"apiKey", "jwt"}; exits 1 when the
// token does not verify.
const { ParticipantToken, parseApiKey } = require("@meshagent/meshagent");

async function main() {
  const input = JSON.parse(await readStdin());
  try {
    const { secret } = parseApiKey(input.apiKey);
    const token = await ParticipantToken.fromJwt(input.jwt, { token: secret });
    const api = token.getApiGrant();
    process.stdout.write(JSON.stringify({
      name: token.name,
      room: token.grantScope("room"),
      role: token.role,
      projectId: token.projectId,
      apiKeyId: token.apiKeyId,
      version: token.version,
      extra: token.extra,
      api: api ? api.toJSON() : null,
    }) + "\n");
  } catch (e) {
    process.stderr.write("verification failed: " + e.message + "\n");
    process.exit(1);
  }
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

main();
