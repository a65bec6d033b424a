/**
 * Running the filter on several nodes that share sessions: how a refresh token is redeemed once across nodes
 * ({@link com.meshagent.filter.cluster.RefreshCoordinator}). The PostgreSQL implementations use only
 * {@code java.sql}/{@code javax.sql}; the application brings the driver and the {@link javax.sql.DataSource}.
 */
package com.meshagent.filter.cluster;
