package com.meshagent.filter.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates the PostgreSQL implementations' tables once per process, one node at a time. */
final class Schema {

    private Schema() {}

    /**
     * Runs {@code ddl} (each {@code CREATE ... IF NOT EXISTS}) in one transaction under advisory lock
     * {@code lock}: concurrent {@code CREATE TABLE IF NOT EXISTS} from two nodes can still collide in the catalog.
     */
    static void create(Connection c, long lock, String... ddl) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + lock + ")");
            for (String statement : ddl) {
                s.execute(statement);
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
