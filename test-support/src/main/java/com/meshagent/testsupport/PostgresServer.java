package com.meshagent.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, private PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/<version>/bin},
 * or the directory in {@code PG_BIN}), a fresh data directory, a free port on 127.0.0.1, trust
 * authentication for 127.0.0.1 only and no Unix socket. PostgreSQL refuses to run as root, so when the
 * JVM runs as root every PostgreSQL command runs as the system user {@code postgres} (through
 * {@code runuser}); otherwise as the current user.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start(Path.of("target"))) {
 *     String url = pg.createDatabase("sessions");   // jdbc:postgresql://127.0.0.1:<port>/sessions
 *     ... DriverManager.getConnection(url, pg.user(), pg.password()) ...
 * }
 * }</pre>
 *
 * <p>{@link #stop()} and {@link #restart()} keep the data and the port, for tests of a database outage.
 * Missing binaries fail the test with a message saying what to install; nothing is skipped.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser initdb creates; trust authentication, so no password. */
    public static final String SUPERUSER = "postgres";
    private static final String UNPRIVILEGED_USER = "postgres";
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path home;
    private final Path data;
    private final int port;
    private final boolean asRoot;
    private volatile boolean running;
    private final Thread shutdownHook;

    private PostgresServer(Path bin, Path home, int port, boolean asRoot) {
        this.bin = bin;
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
        this.asRoot = asRoot;
        this.shutdownHook = new Thread(this::stopQuietly, "postgres-test-server-stop");
    }

    /**
     * Creates a data directory under {@code parent} (e.g. the module's {@code target}; a temporary directory
     * when the {@code postgres} user cannot write there) and starts the server on a free port.
     */
    public static PostgresServer start(Path parent) {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        try {
            Path home = homeUnder(parent.toAbsolutePath(), asRoot);
            PostgresServer pg = new PostgresServer(bin, home, freePort(), asRoot);
            pg.initdb();
            pg.restart();
            Runtime.getRuntime().addShutdownHook(pg.shutdownHook);
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up a PostgreSQL data directory under " + parent, e);
        }
    }

    /** The newest PostgreSQL in {@code PG_BIN} or {@code /usr/lib/postgresql/<version>/bin}; fails clearly if none. */
    static Path binaries() {
        return binaries(System.getenv("PG_BIN"));
    }

    static Path binaries(String env) {
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        } else {
            Path root = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(root)) {
                try (Stream<Path> versions = Files.list(root)) {
                    versions.map(v -> v.resolve("bin"))
                            .sorted(Comparator.comparingInt(PostgresServer::majorVersion).reversed())
                            .forEach(candidates::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return candidates.stream()
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL binaries not found (looked in "
                        + (env != null && !env.isBlank() ? "PG_BIN=" + env : "/usr/lib/postgresql/*/bin")
                        + " for initdb and pg_ctl). These tests need a real PostgreSQL server: install Debian's "
                        + "package (apt-get install postgresql; .ci/run does) or set PG_BIN to a directory holding them."));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Path homeUnder(Path parent, boolean asRoot) throws IOException {
        Files.createDirectories(parent);
        Path home = parent.resolve("postgres-" + UUID.randomUUID().toString().substring(0, 8));
        if (asRoot && !reachableByPostgresUser(parent)) {
            home = Files.createTempDirectory("meshagent-postgres-");
        } else {
            Files.createDirectory(home);
        }
        if (asRoot) {
            run(List.of("chown", UNPRIVILEGED_USER + ":", home.toString()), "chown the data directory");
        }
        return home;
    }

    private static boolean reachableByPostgresUser(Path dir) {
        try {
            return new ProcessBuilder("runuser", "-u", UNPRIVILEGED_USER, "--", "test", "-x", dir.toString())
                    .redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void initdb() throws IOException {
        pg(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--no-locale", "--no-sync"), "initdb");
        // 127.0.0.1 only: no local socket, no other address (replaces initdb's pg_hba.conf).
        writeAsOwner(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        writeAsOwner(data.resolve("postgresql.auto.conf"), String.join("\n",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "max_connections = 100",
                ""));
    }

    private void writeAsOwner(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        if (asRoot) {
            run(List.of("chown", UNPRIVILEGED_USER + ":", file.toString()), "chown " + file.getFileName());
        }
    }

    /** Starts (again) on the same port and data; waits until it accepts connections. */
    public synchronized void restart() {
        if (running) {
            return;
        }
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", home.resolve("server.log")
                    .toString(), "-w", "-t", "60", "start"), "pg_ctl start");
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start; its log: " + log(), e);
        }
        running = true;
    }

    /** Stops the server (fast shutdown: open connections are closed); the data and port are kept. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    "pg_ctl stop");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = false;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL server: " + e.getMessage());
        }
    }

    /** Creates database {@code name} (letters, digits, underscore) and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
        }
        try {
            pg(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
                    SUPERUSER, name), "createdb " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jdbcUrl(name);
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public String user() {
        return SUPERUSER;
    }

    /** Trust authentication: any password (this empty one) is accepted. */
    public String password() {
        return "";
    }

    public boolean running() {
        return running;
    }

    /** The server's log so far (for failure messages). */
    public String log() {
        try {
            Path log = home.resolve("server.log");
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Stops the server and deletes its data directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
            deleteTree(home);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: the directory is under target/ or the temporary directory
        }
    }

    /** Runs a PostgreSQL command as the unprivileged user (when the JVM is root) and fails with its output. */
    private void pg(List<String> command, String what) throws IOException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.addAll(command);
        run(full, what);
    }

    private static void run(List<String> command, String what) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException(what + " was interrupted", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + "): " + output.strip());
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port + ", data=" + data + ", running=" + running + "]";
    }
}
