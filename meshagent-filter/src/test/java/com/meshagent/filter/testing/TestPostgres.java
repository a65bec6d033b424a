package com.meshagent.filter.testing;

import com.meshagent.testsupport.PostgresServer;
import java.nio.file.Path;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One real PostgreSQL server for all the filter's cluster tests in this JVM (started on first use, stopped by
 * its shutdown hook), and a fresh database per test.
 */
public final class TestPostgres {

    private static PostgresServer server;

    private TestPostgres() {}

    public static synchronized PostgresServer server() {
        if (server == null) {
            server = PostgresServer.start(Path.of("target"));
        }
        return server;
    }

    /** A new, empty database named {@code prefix_<random>}. */
    public static PGSimpleDataSource newDatabase(String prefix) {
        PostgresServer pg = server();
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setURL(pg.createDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8)));
        db.setUser(pg.user());
        db.setPassword(pg.password());
        return db;
    }
}
