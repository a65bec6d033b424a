package com.meshagent.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @Test
    void startsARealServerThatKeepsItsDataAcrossAStopAndRestartAndCleansUp() throws Exception {
        Path home;
        try (PostgresServer pg = PostgresServer.start(Path.of("target"))) {
            String url = pg.createDatabase("fixture_check");
            try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                    Statement s = c.createStatement()) {
                s.execute("create table t (v text)");
                s.execute("insert into t values ('kept')");
                try (ResultSet r = s.executeQuery("select current_user, inet_server_addr()::text, version()")) {
                    r.next();
                    assertEquals("postgres", r.getString(1));
                    assertTrue(r.getString(2).startsWith("127.0.0.1"), r.getString(2));
                    assertTrue(r.getString(3).startsWith("PostgreSQL"), r.getString(3));
                }
            }
            pg.stop();
            assertFalse(pg.running());
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, pg.user(), pg.password()).close());
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, pg.user(), pg.password());
                    Statement s = c.createStatement(); ResultSet r = s.executeQuery("select v from t")) {
                r.next();
                assertEquals("kept", r.getString(1));
            }
            home = Path.of(pg.toString().replaceAll(".*data=(.*)/data,.*", "$1"));
            assertTrue(Files.isDirectory(home), home.toString());
        }
        assertFalse(Files.exists(home), "close() removes the data directory");
    }

    @Test
    void missingBinariesFailWithWhatToInstall(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PostgresServer.binaries(empty.toString()));
        assertTrue(e.getMessage().contains("apt-get install postgresql"), e.getMessage());
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
