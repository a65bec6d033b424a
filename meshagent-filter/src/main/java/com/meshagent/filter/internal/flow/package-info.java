/**
 * The framework-neutral sign-in engine: {@code SignInEngine} routes an {@code Exchange} to one handler per
 * endpoint ({@code StartSignIn}, {@code CompleteSignIn}, {@code SignOut}, {@code SessionInfo}, {@code RoomEndpoints})
 * or guards a protected path, and returns an {@code Outcome}. No servlet or Nimbus types here. Not API.
 */
package com.meshagent.filter.internal.flow;
