/**
 * {@link com.meshagent.filter.api.MeshAgentApi}, a client for MeshAgent's provisioning REST API (project OAuth
 * clients, external OAuth registrations, the caller's role; meshagent-protocol.md §5.5, §7–§8), and
 * {@link com.meshagent.filter.api.MeshAgentCli}, the command line over it.
 */
package com.meshagent.filter.api;
