/**
 * {@link com.meshagent.filter.api.MeshAgentApi}, a client for MeshAgent's provisioning REST API (project OAuth
 * clients, external OAuth registrations, the caller's role; docs/meshagent-protocol.md §5.5, §7–§8). The command
 * line over it is the separate {@code meshagent-cli} module.
 */
package com.meshagent.filter.api;
