/**
 * The servlet edge: {@code ServletExchange} adapts a request for the engine, {@code OutcomeWriter} writes every
 * answer (always {@code Cache-Control: no-store}), {@code SignedInRequest} shows the user through
 * {@code getUserPrincipal()}/{@code getRemoteUser()}. Not API.
 */
package com.meshagent.filter.internal.servlet;
