/**
 * REST administration of a MeshAgent project: {@link com.meshagent.filter.admin.MeshAgentApi}, a client for MeshAgent's provisioning REST API (project OAuth
 * clients, external OAuth registrations, the caller's role; meshagent-protocol.md §5.5, §7–§8), and
 * {@link com.meshagent.filter.admin.MeshAgentCli}, the command line over it.
 */
package com.meshagent.filter.admin;
