/**
 * The LLM proxy stand-in of the devserver ({@link com.meshagent.devserver.llm.LlmProxy}): OpenAI and Anthropic
 * shaped endpoints gated like MeshAgent's proxy (docs/meshagent-protocol.md §9), answering with a labelled local echo.
 */
package com.meshagent.devserver.llm;
