package com.meshagent.filter.readme;

// README:imports
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.cluster.PostgresProviderLogouts;
import com.meshagent.filter.cluster.PostgresRefreshCoordinator;
import javax.sql.DataSource;
// README:imports-end

/** The README's "Many nodes" example, compiled with exactly the imports the README shows. */
final class ReadmeClusterExample {

    private ReadmeClusterExample() {}

    static MeshAgentConfig config(DataSource db) {
        // README:begin
        // db: a DataSource of the PostgreSQL database the sessions live in
        MeshAgentConfig config = MeshAgentConfig.fromEnvironment()
                .redirectUri("https://app.example.com/meshagent/callback")
                .refreshCoordinator(new PostgresRefreshCoordinator(db))
                .providerLogouts(new PostgresProviderLogouts(db))
                .build();
        // README:end
        return config;
    }
}
