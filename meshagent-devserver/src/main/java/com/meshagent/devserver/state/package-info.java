/**
 * The durable accounts state: one immutable {@link com.meshagent.devserver.state.Snapshot} (project, users,
 * members, API keys, OAuth clients, external registrations) changed only through
 * {@link com.meshagent.devserver.state.AccountsState#update}, which persists through
 * {@link com.meshagent.devserver.state.SnapshotStore} (temp file, fsync, atomic rename) before publishing.
 */
package com.meshagent.devserver.state;
