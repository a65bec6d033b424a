/**
 * Protocol-level choices shared by every endpoint package: {@link com.meshagent.devserver.protocol.InferredBehaviour}
 * (each behaviour the protocol notes do not confirm) and {@link com.meshagent.devserver.protocol.RedirectUris}
 * (what a registered redirect URI may be), and {@link com.meshagent.devserver.protocol.Arguments} (how a refused
 * setting is reported). Depends on nothing else in the devserver.
 */
package com.meshagent.devserver.protocol;
