/**
 * REST administration of a MeshAgent project: {@link com.meshagent.filter.admin.MeshAgentApi}, a client for
 * MeshAgent's provisioning REST API (project OAuth clients, external OAuth registrations, the caller's role;
 * docs/meshagent-protocol.md §5.5, §7–§8). The command line over it is the separate {@code meshagent-cli} module.
 */
package com.meshagent.filter.admin;
