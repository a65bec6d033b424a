/**
 * A local MeshAgent for development and tests: {@link com.meshagent.devserver.DevServer} (start, bootstrap,
 * knobs, {@code main}), the {@link com.meshagent.devserver.tokens.Credentials} seam the room and LLM endpoints use,
 * and {@link com.meshagent.devserver.protocol.InferredBehaviour}, every choice the protocol notes do not confirm.
 */
package com.meshagent.devserver;
