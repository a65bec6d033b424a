package com.meshagent.filter.room;

import com.meshagent.filter.internal.json.Json;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code api} grant of a MeshAgent participant token: which room APIs the participant may call
 * (docs/meshagent-protocol.md §4.4).
 *
 * <p>Every top-level key of §4.4 is modelled by one nested record implementing {@link Grant}; a key that
 * is absent denies that room API. Field defaults are the SDKs' defaults and are omitted on the wire, so
 * a fully default grant is written {@code {}}. Keys are written in the order of §4.4 (the order the
 * Python SDK writes them), compact, snake_case. A list that is {@code null} means "no restriction"
 * (the SDKs' {@code None}/{@code undefined}).
 *
 * <p>Presets: {@link #userDefault()}, {@link #agentDefault()}, {@link #full()}, as the Python SDK and docs
 * 0.50.1 define them. SDK discrepancies: the TypeScript SDK 0.47.0's {@code userDefault()} includes
 * {@code llm} (docs/meshagent-protocol.md §4.4); the JavaScript SDK 0.39.9 the interop test runs has no
 * {@code sqlite} key and puts an (empty) {@code secrets} in every preset. We follow the documented Python
 * form: {@code userDefault()} has no {@code llm} — add it with {@code userDefault().with(Llm.ANY)}.
 * {@code secrets} takes no fields here, as in Python 0.50.1 (older JS SDKs had {@code request_oauth_token}).
 *
 * <p>Instances are immutable and thread-safe; {@link #equals} compares the grants, so an
 * {@code ApiScope} can be part of a cache key.
 */
public final class ApiScope {

    /** One top-level key of the {@code api} grant. */
    public sealed interface Grant permits Livekit, Queues, Messaging, Dataset, Sqlite, Memory, Sync, Storage,
            Containers, Developer, Agents, Llm, Admin, Secrets, Tunnels, Services {
        /**
         * The non-default fields, in wire order.
         *
         * @return field name to value; empty for a fully default grant
         */
        Map<String, Object> toWire();
    }

    /** The §4.4 keys, in wire order. */
    private enum Key {
        LIVEKIT("livekit", Livekit.class), QUEUES("queues", Queues.class), MESSAGING("messaging", Messaging.class),
        DATASET("dataset", Dataset.class), SQLITE("sqlite", Sqlite.class), MEMORY("memory", Memory.class),
        SYNC("sync", Sync.class), STORAGE("storage", Storage.class), CONTAINERS("containers", Containers.class),
        DEVELOPER("developer", Developer.class), AGENTS("agents", Agents.class), LLM("llm", Llm.class),
        ADMIN("admin", Admin.class), SECRETS("secrets", Secrets.class), TUNNELS("tunnels", Tunnels.class),
        SERVICES("services", Services.class);

        final String wire;
        final Class<? extends Grant> type;

        Key(String wire, Class<? extends Grant> type) {
            this.wire = wire;
            this.type = type;
        }

        static Key of(Grant grant) {
            for (Key k : values()) {
                if (k.type == grant.getClass()) {
                    return k;
                }
            }
            throw new AssertionError(grant.getClass());
        }
    }

    private final EnumMap<Key, Grant> grants;
    private final int hash;
    private volatile String json; // computed once: written into every token minted with this scope

    private ApiScope(EnumMap<Key, Grant> grants) {
        this.grants = grants;
        this.hash = grants.hashCode();
    }

    /**
     * A scope with exactly these grants; a later grant of the same key replaces an earlier one.
     *
     * @param grants the room APIs to allow
     * @return the scope
     */
    public static ApiScope of(Grant... grants) {
        EnumMap<Key, Grant> map = new EnumMap<>(Key.class);
        for (Grant g : grants) {
            map.put(Key.of(Objects.requireNonNull(g, "grant")), g);
        }
        return new ApiScope(map);
    }

    /**
     * No room API at all (the token still lets the participant join).
     *
     * @return the empty scope
     */
    public static ApiScope none() {
        return of();
    }

    /**
     * The Python SDK's / docs' {@code user_default} (0.50.1): livekit, queues, messaging, dataset, sqlite,
     * memory, sync, storage, containers, developer, agents, services — all default, without {@code llm}.
     *
     * @return the preset
     */
    public static ApiScope userDefault() {
        return of(Livekit.ANY, Queues.ALL, Messaging.ALL, Dataset.ALL, Sqlite.ALL, Memory.ALL, Sync.ALL, Storage.ALL,
                Containers.ALL, Developer.ALL, Agents.ALL, Services.ALL);
    }

    /**
     * {@code agent_default}: {@link #userDefault()} plus {@code llm}.
     *
     * @return the preset
     */
    public static ApiScope agentDefault() {
        return userDefault().with(Llm.ANY);
    }

    /**
     * {@code full}: {@link #agentDefault()} plus {@code admin} and {@code tunnels} (never {@code secrets}).
     *
     * @return the preset
     */
    public static ApiScope full() {
        return agentDefault().with(Admin.ALL).with(Tunnels.ALL);
    }

    /**
     * This scope with {@code grant} added (or replacing the grant of the same key).
     *
     * @param grant the grant to add
     * @return a new scope; this one is unchanged
     */
    public ApiScope with(Grant grant) {
        EnumMap<Key, Grant> map = new EnumMap<>(grants);
        map.put(Key.of(Objects.requireNonNull(grant, "grant")), grant);
        return new ApiScope(map);
    }

    /**
     * This scope without the grant of type {@code type}.
     *
     * @param type the grant's record class, e.g. {@code Llm.class}
     * @return a new scope; this one is unchanged
     */
    public ApiScope without(Class<? extends Grant> type) {
        EnumMap<Key, Grant> map = new EnumMap<>(grants);
        map.keySet().removeIf(k -> k.type == type);
        return new ApiScope(map);
    }

    /**
     * The grant of type {@code type}, if present.
     *
     * @param <G>  the grant's type
     * @param type the grant's record class, e.g. {@code Storage.class}
     * @return the grant, or empty
     */
    public <G extends Grant> Optional<G> grant(Class<G> type) {
        for (Grant g : grants.values()) {
            if (g.getClass() == type) {
                return Optional.of(type.cast(g));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the room API of {@code type} is granted.
     *
     * @param type the grant's record class
     * @return true when present
     */
    public boolean has(Class<? extends Grant> type) {
        return grant(type).isPresent();
    }

    /**
     * The wire names of the granted keys, in wire order.
     *
     * @return e.g. {@code [livekit, queues, ...]}
     */
    public List<String> keys() {
        return grants.keySet().stream().map(k -> k.wire).toList();
    }

    /**
     * The wire form: keys in §4.4 order, defaults omitted.
     *
     * @return key to the grant's non-default fields
     */
    public Map<String, Object> toWire() {
        Map<String, Object> out = new LinkedHashMap<>();
        grants.forEach((k, g) -> out.put(k.wire, g.toWire()));
        return out;
    }

    /**
     * Compact JSON of {@link #toWire()}.
     *
     * @return the JSON text
     */
    public String toJson() {
        String j = json;
        if (j == null) {
            j = Json.write(toWire());
            json = j;
        }
        return j;
    }

    /**
     * Reads the wire form. {@code database} and {@code datasets} are accepted as aliases of
     * {@code dataset}; unknown top-level keys are ignored (newer SDKs may add room APIs).
     *
     * @param wire the parsed JSON object
     * @return the scope
     * @throws IllegalArgumentException when a known key has the wrong shape
     */
    public static ApiScope fromWire(Map<String, Object> wire) {
        EnumMap<Key, Grant> map = new EnumMap<>(Key.class);
        for (Map.Entry<String, Object> e : wire.entrySet()) {
            String name = switch (e.getKey()) {
                case "database", "datasets" -> "dataset";
                default -> e.getKey();
            };
            Key key = Arrays.stream(Key.values()).filter(k -> k.wire.equals(name)).findFirst().orElse(null);
            if (key != null && e.getValue() != null) {
                map.put(key, read(key, Json.object(e.getValue(), e.getKey())));
            }
        }
        return new ApiScope(map);
    }

    /**
     * Parses compact or pretty JSON of the wire form.
     *
     * @param json the JSON text
     * @return the scope
     */
    public static ApiScope parse(String json) {
        return fromWire(Json.parseObject(json));
    }

    private static Grant read(Key key, Map<String, Object> in) {
        return switch (key) {
            case LIVEKIT -> new Livekit(Json.strings(in, "breakout_rooms"));
            case QUEUES -> new Queues(Json.strings(in, "send"), Json.strings(in, "receive"), Json.bool(in, "list", true));
            case MESSAGING -> new Messaging(Json.bool(in, "broadcast", true), Json.bool(in, "list", true),
                    Json.bool(in, "send", true));
            case DATASET -> new Dataset(Json.objects(in, "tables", Table::fromWire), Json.bool(in, "list_tables", true));
            case SQLITE -> new Sqlite(Json.bool(in, "create_database", true), Json.bool(in, "list_databases", true),
                    Json.objects(in, "databases", SqliteDatabase::fromWire));
            case MEMORY -> new Memory(Json.bool(in, "list", true), Json.objects(in, "memories", MemoryEntry::fromWire));
            case SYNC -> new Sync(Json.objects(in, "paths", PathGrant::fromWire));
            case STORAGE -> new Storage(Json.objects(in, "paths", PathGrant::fromWire));
            case CONTAINERS -> Containers.fromWire(in);
            case DEVELOPER -> new Developer(Json.bool(in, "logs", true));
            case AGENTS -> Agents.fromWire(in);
            case LLM -> new Llm(Json.strings(in, "models"));
            case ADMIN -> new Admin(Json.bool(in, "config", true));
            case SECRETS -> Secrets.fromWire(in);
            case TUNNELS -> new Tunnels(Json.strings(in, "ports"));
            case SERVICES -> new Services(Json.bool(in, "list", true));
        };
    }

    @Override
    public boolean equals(Object o) {
        // identity first: a policy usually hands out the same prebuilt scope, and this runs on every cache hit
        return o == this || o instanceof ApiScope other && hash == other.hash && grants.equals(other.grants);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ApiScope" + toJson();
    }

    // ---- the §4.4 grants -------------------------------------------------------------------------------

    /**
     * {@code livekit}: {@code breakout_rooms} ({@code null} = any).
     *
     * @param breakoutRooms the breakout rooms the participant may use, or {@code null} for any
     */
    public record Livekit(List<String> breakoutRooms) implements Grant {
        /** Any breakout room. */
        public static final Livekit ANY = new Livekit(null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: any).
         *
         * @param breakoutRooms the breakout rooms the participant may use, or {@code null} for any
         */
        public Livekit { breakoutRooms = Json.copy(breakoutRooms); }
        @Override public Map<String, Object> toWire() {
            return Json.out().strings("breakout_rooms", breakoutRooms).map();
        }
    }

    /**
     * {@code queues}: {@code send}, {@code receive} ({@code null} = all), {@code list} (true).
     *
     * @param send    the queues the participant may send to, or {@code null} for all
     * @param receive the queues the participant may receive from, or {@code null} for all
     * @param list    whether the participant may list queues
     */
    public record Queues(List<String> send, List<String> receive, boolean list) implements Grant {
        /** Every queue, and listing. */
        public static final Queues ALL = new Queues(null, null, true);
        /**
         * Copies the lists, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param send    the queues the participant may send to, or {@code null} for all
         * @param receive the queues the participant may receive from, or {@code null} for all
         * @param list    whether the participant may list queues
         */
        public Queues { send = Json.copy(send); receive = Json.copy(receive); }
        @Override public Map<String, Object> toWire() {
            return Json.out().strings("send", send).strings("receive", receive).bool("list", list, true).map();
        }
    }

    /**
     * {@code messaging}: {@code broadcast}, {@code list}, {@code send} (all true).
     *
     * @param broadcast whether the participant may broadcast messages
     * @param list      whether the participant may use messaging's {@code list} operation
     * @param send      whether the participant may send messages
     */
    public record Messaging(boolean broadcast, boolean list, boolean send) implements Grant {
        /** Broadcast, list and send. */
        public static final Messaging ALL = new Messaging(true, true, true);
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("broadcast", broadcast, true).bool("list", list, true).bool("send", send, true).map();
        }
    }

    /**
     * {@code dataset}: {@code tables} ({@code null} = all), {@code list_tables} (true).
     *
     * @param tables     the tables the participant may use, or {@code null} for all
     * @param listTables whether the participant may list tables
     */
    public record Dataset(List<Table> tables, boolean listTables) implements Grant {
        /** Every table, and listing. */
        public static final Dataset ALL = new Dataset(null, true);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param tables     the tables the participant may use, or {@code null} for all
         * @param listTables whether the participant may list tables
         */
        public Dataset { tables = Json.copy(tables); }
        @Override public Map<String, Object> toWire() {
            return Json.out().objects("tables", tables, Table::toWire).bool("list_tables", listTables, true).map();
        }
    }

    /**
     * A dataset table: {@code name}, {@code namespace?}, {@code read} (true), {@code write}, {@code alter} (false).
     *
     * @param name      the table name, never {@code null}
     * @param namespace the table's namespace path, or {@code null} for none
     * @param read      whether the participant may read the table
     * @param write     whether the participant may write rows
     * @param alter     whether the participant may alter the table
     */
    public record Table(String name, List<String> namespace, boolean read, boolean write, boolean alter) {
        /**
         * Requires a name; copies the namespace, unmodifiable.
         *
         * @param name      the table name, never {@code null}
         * @param namespace the table's namespace path, or {@code null} for none
         * @param read      whether the participant may read the table
         * @param write     whether the participant may write rows
         * @param alter     whether the participant may alter the table
         */
        public Table { Objects.requireNonNull(name, "name"); namespace = Json.copy(namespace); }
        Map<String, Object> toWire() {
            return Json.out().put("name", name).strings("namespace", namespace).bool("read", read, true)
                    .bool("write", write, false).bool("alter", alter, false).map();
        }
        static Table fromWire(Map<String, Object> in) {
            return new Table(Json.requiredString(in, "name"), Json.strings(in, "namespace"), Json.bool(in, "read", true),
                    Json.bool(in, "write", false), Json.bool(in, "alter", false));
        }
    }

    /**
     * {@code sqlite}: {@code create_database}, {@code list_databases} (true), {@code databases} ({@code null} = all).
     *
     * @param createDatabase whether the participant may create databases
     * @param listDatabases  whether the participant may list databases
     * @param databases      the databases the participant may use, or {@code null} for all
     */
    public record Sqlite(boolean createDatabase, boolean listDatabases, List<SqliteDatabase> databases) implements Grant {
        /** Every database, creating and listing. */
        public static final Sqlite ALL = new Sqlite(true, true, null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param createDatabase whether the participant may create databases
         * @param listDatabases  whether the participant may list databases
         * @param databases      the databases the participant may use, or {@code null} for all
         */
        public Sqlite { databases = Json.copy(databases); }
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("create_database", createDatabase, true).bool("list_databases", listDatabases, true)
                    .objects("databases", databases, SqliteDatabase::toWire).map();
        }
    }

    /**
     * A sqlite database grant; booleans default true except {@code drop}.
     *
     * @param name        the database name, never {@code null}
     * @param namespace   the database's namespace path, or {@code null} for none
     * @param createTable whether the participant may create tables
     * @param drop        whether drop operations are allowed
     * @param inspect     whether the participant may inspect the database
     * @param listTables  whether the participant may list tables
     * @param execute     whether the participant may execute SQL statements
     * @param tables      per-table grants, or {@code null} for none
     */
    public record SqliteDatabase(String name, List<String> namespace, boolean createTable, boolean drop, boolean inspect,
            boolean listTables, boolean execute, List<SqliteTable> tables) {
        /**
         * Requires a name; copies the lists, unmodifiable.
         *
         * @param name        the database name, never {@code null}
         * @param namespace   the database's namespace path, or {@code null} for none
         * @param createTable whether the participant may create tables
         * @param drop        whether drop operations are allowed
         * @param inspect     whether the participant may inspect the database
         * @param listTables  whether the participant may list tables
         * @param execute     whether the participant may execute SQL statements
         * @param tables      per-table grants, or {@code null} for none
         */
        public SqliteDatabase {
            Objects.requireNonNull(name, "name");
            namespace = Json.copy(namespace);
            tables = Json.copy(tables);
        }
        Map<String, Object> toWire() {
            return Json.out().put("name", name).strings("namespace", namespace).bool("create_table", createTable, true)
                    .bool("drop", drop, false).bool("inspect", inspect, true).bool("list_tables", listTables, true)
                    .bool("execute", execute, true).objects("tables", tables, SqliteTable::toWire).map();
        }
        static SqliteDatabase fromWire(Map<String, Object> in) {
            return new SqliteDatabase(Json.requiredString(in, "name"), Json.strings(in, "namespace"),
                    Json.bool(in, "create_table", true), Json.bool(in, "drop", false), Json.bool(in, "inspect", true),
                    Json.bool(in, "list_tables", true), Json.bool(in, "execute", true),
                    Json.objects(in, "tables", SqliteTable::fromWire));
        }
    }

    /**
     * A sqlite table grant: {@code read} (true), {@code write}, {@code alter} (false).
     *
     * @param database  the database the table is in, never {@code null}
     * @param table     the table name, never {@code null}
     * @param namespace the namespace path, or {@code null} for none
     * @param read      whether the participant may read the table
     * @param write     whether the participant may write rows
     * @param alter     whether the participant may alter the table
     */
    public record SqliteTable(String database, String table, List<String> namespace, boolean read, boolean write,
            boolean alter) {
        /**
         * Requires the database and table names; copies the namespace, unmodifiable.
         *
         * @param database  the database the table is in, never {@code null}
         * @param table     the table name, never {@code null}
         * @param namespace the namespace path, or {@code null} for none
         * @param read      whether the participant may read the table
         * @param write     whether the participant may write rows
         * @param alter     whether the participant may alter the table
         */
        public SqliteTable {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(table, "table");
            namespace = Json.copy(namespace);
        }
        Map<String, Object> toWire() {
            return Json.out().put("database", database).put("table", table).strings("namespace", namespace)
                    .bool("read", read, true).bool("write", write, false).bool("alter", alter, false).map();
        }
        static SqliteTable fromWire(Map<String, Object> in) {
            return new SqliteTable(Json.requiredString(in, "database"), Json.requiredString(in, "table"),
                    Json.strings(in, "namespace"), Json.bool(in, "read", true), Json.bool(in, "write", false),
                    Json.bool(in, "alter", false));
        }
    }

    /**
     * {@code memory}: {@code list} (true), {@code memories} ({@code null} = all).
     *
     * @param list     whether the participant may list memories
     * @param memories the memories the participant may use, or {@code null} for all
     */
    public record Memory(boolean list, List<MemoryEntry> memories) implements Grant {
        /** Every memory, and listing. */
        public static final Memory ALL = new Memory(true, null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param list     whether the participant may list memories
         * @param memories the memories the participant may use, or {@code null} for all
         */
        public Memory { memories = Json.copy(memories); }
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("list", list, true).objects("memories", memories, MemoryEntry::toWire).map();
        }
    }

    /**
     * One memory: {@code name}, {@code namespace?}, {@code permissions} (all true).
     *
     * @param name        the memory name, never {@code null}
     * @param namespace   the memory's namespace path, or {@code null} for none
     * @param permissions what the participant may do with it; {@code null} means {@link MemoryPermissions#ALL}
     */
    public record MemoryEntry(String name, List<String> namespace, MemoryPermissions permissions) {
        /**
         * Requires a name; copies the namespace, unmodifiable; {@code null} permissions become all.
         *
         * @param name        the memory name, never {@code null}
         * @param namespace   the memory's namespace path, or {@code null} for none
         * @param permissions what the participant may do with it; {@code null} means {@link MemoryPermissions#ALL}
         */
        public MemoryEntry {
            Objects.requireNonNull(name, "name");
            namespace = Json.copy(namespace);
            permissions = permissions == null ? MemoryPermissions.ALL : permissions;
        }
        Map<String, Object> toWire() {
            return Json.out().put("name", name).strings("namespace", namespace)
                    .put("permissions", permissions.equals(MemoryPermissions.ALL) ? null : permissions.toWire()).map();
        }
        static MemoryEntry fromWire(Map<String, Object> in) {
            Map<String, Object> p = Json.object(in, "permissions");
            return new MemoryEntry(Json.requiredString(in, "name"), Json.strings(in, "namespace"),
                    p == null ? null : MemoryPermissions.fromWire(p));
        }
    }

    /**
     * Memory permissions, all true by default.
     *
     * @param create   whether the participant may create the memory
     * @param drop     whether the participant may drop it
     * @param inspect  whether the participant may inspect it
     * @param query    whether the participant may query it
     * @param upsert   whether the participant may upsert into it
     * @param ingest   whether the participant may ingest into it
     * @param recall   whether the participant may recall from it
     * @param optimize whether the participant may optimize it
     */
    public record MemoryPermissions(boolean create, boolean drop, boolean inspect, boolean query, boolean upsert,
            boolean ingest, boolean recall, boolean optimize) {
        /** Every permission. */
        public static final MemoryPermissions ALL = new MemoryPermissions(true, true, true, true, true, true, true, true);
        Map<String, Object> toWire() {
            return Json.out().bool("create", create, true).bool("drop", drop, true).bool("inspect", inspect, true)
                    .bool("query", query, true).bool("upsert", upsert, true).bool("ingest", ingest, true)
                    .bool("recall", recall, true).bool("optimize", optimize, true).map();
        }
        static MemoryPermissions fromWire(Map<String, Object> in) {
            return new MemoryPermissions(Json.bool(in, "create", true), Json.bool(in, "drop", true),
                    Json.bool(in, "inspect", true), Json.bool(in, "query", true), Json.bool(in, "upsert", true),
                    Json.bool(in, "ingest", true), Json.bool(in, "recall", true), Json.bool(in, "optimize", true));
        }
    }

    /**
     * A sync/storage path: {@code path} ({@code *} suffix = prefix for sync), {@code read_only} (false).
     *
     * @param path     the path, never {@code null}
     * @param readOnly whether the participant may only read it
     */
    public record PathGrant(String path, boolean readOnly) {
        /**
         * Requires a path.
         *
         * @param path     the path, never {@code null}
         * @param readOnly whether the participant may only read it
         */
        public PathGrant { Objects.requireNonNull(path, "path"); }
        Map<String, Object> toWire() {
            return Json.out().put("path", path).bool("read_only", readOnly, false).map();
        }
        static PathGrant fromWire(Map<String, Object> in) {
            return new PathGrant(Json.requiredString(in, "path"), Json.bool(in, "read_only", false));
        }
    }

    /**
     * {@code sync}: {@code paths} ({@code null} = all).
     *
     * @param paths the paths the participant may sync, or {@code null} for all
     */
    public record Sync(List<PathGrant> paths) implements Grant {
        /** Every path. */
        public static final Sync ALL = new Sync(null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param paths the paths the participant may sync, or {@code null} for all
         */
        public Sync { paths = Json.copy(paths); }
        @Override public Map<String, Object> toWire() {
            return Json.out().objects("paths", paths, PathGrant::toWire).map();
        }
    }

    /**
     * {@code storage}: {@code paths} ({@code null} = all).
     *
     * @param paths the storage paths the participant may use, or {@code null} for all
     */
    public record Storage(List<PathGrant> paths) implements Grant {
        /** Every path. */
        public static final Storage ALL = new Storage(null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param paths the storage paths the participant may use, or {@code null} for all
         */
        public Storage { paths = Json.copy(paths); }
        @Override public Map<String, Object> toWire() {
            return Json.out().objects("paths", paths, PathGrant::toWire).map();
        }
    }

    /**
     * {@code containers}: {@code logs} (true), {@code pull}, {@code run} (null = any), {@code use_containers} (true),
     * {@code registry}.
     *
     * @param logs          whether the participant may read container logs
     * @param pull          the images the participant may pull, or {@code null} for any
     * @param run           the images the participant may run, or {@code null} for any
     * @param useContainers whether the participant may use containers
     * @param registry      the registry sub-grant, or {@code null} for none
     */
    public record Containers(boolean logs, List<String> pull, List<String> run, boolean useContainers,
            Registry registry) implements Grant {
        /** Logs, any image pulled or run, containers used; no registry sub-grant. */
        public static final Containers ALL = new Containers(true, null, null, true, null);
        /**
         * Copies the lists, unmodifiable ({@code null} stays {@code null}: any).
         *
         * @param logs          whether the participant may read container logs
         * @param pull          the images the participant may pull, or {@code null} for any
         * @param run           the images the participant may run, or {@code null} for any
         * @param useContainers whether the participant may use containers
         * @param registry      the registry sub-grant, or {@code null} for none
         */
        public Containers { pull = Json.copy(pull); run = Json.copy(run); }
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("logs", logs, true).strings("pull", pull).strings("run", run)
                    .bool("use_containers", useContainers, true)
                    .put("registry", registry == null ? null : registry.toWire()).map();
        }
        static Containers fromWire(Map<String, Object> in) {
            Map<String, Object> r = Json.object(in, "registry");
            return new Containers(Json.bool(in, "logs", true), Json.strings(in, "pull"), Json.strings(in, "run"),
                    Json.bool(in, "use_containers", true), r == null ? null : Registry.fromWire(r));
        }
    }

    /**
     * The container registry sub-grant: {@code list}, {@code pull}, {@code run}, {@code write} repository lists.
     *
     * @param list  the repositories the participant may list, or {@code null}
     * @param pull  the repositories the participant may pull from, or {@code null}
     * @param run   the repositories whose images the participant may run, or {@code null}
     * @param write the repositories the participant may write to, or {@code null}
     */
    public record Registry(List<String> list, List<String> pull, List<String> run, List<String> write) {
        /**
         * Copies the lists, unmodifiable ({@code null} stays {@code null}).
         *
         * @param list  the repositories the participant may list, or {@code null}
         * @param pull  the repositories the participant may pull from, or {@code null}
         * @param run   the repositories whose images the participant may run, or {@code null}
         * @param write the repositories the participant may write to, or {@code null}
         */
        public Registry { list = Json.copy(list); pull = Json.copy(pull); run = Json.copy(run); write = Json.copy(write); }
        Map<String, Object> toWire() {
            return Json.out().strings("list", list).strings("pull", pull).strings("run", run).strings("write", write).map();
        }
        static Registry fromWire(Map<String, Object> in) {
            return new Registry(Json.strings(in, "list"), Json.strings(in, "pull"), Json.strings(in, "run"),
                    Json.strings(in, "write"));
        }
    }

    /**
     * {@code developer}: {@code logs} (true).
     *
     * @param logs whether the participant may read developer logs
     */
    public record Developer(boolean logs) implements Grant {
        /** Logs. */
        public static final Developer ALL = new Developer(true);
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("logs", logs, true).map();
        }
    }

    /**
     * {@code agents}: six booleans (true) and {@code allowed_toolkits} ({@code null} = any).
     *
     * @param registerAgent          whether the participant may register as an agent
     * @param registerPublicToolkit  whether the participant may register public toolkits
     * @param registerPrivateToolkit whether the participant may register private toolkits
     * @param call                   whether the participant may make agent calls
     * @param useAgents              whether the participant may use agents
     * @param useTools               whether the participant may use tools
     * @param allowedToolkits        the toolkits the participant may use, or {@code null} for any
     */
    public record Agents(boolean registerAgent, boolean registerPublicToolkit, boolean registerPrivateToolkit,
            boolean call, boolean useAgents, boolean useTools, List<String> allowedToolkits) implements Grant {
        /** Every permission and any toolkit. */
        public static final Agents ALL = new Agents(true, true, true, true, true, true, null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: any).
         *
         * @param registerAgent          whether the participant may register as an agent
         * @param registerPublicToolkit  whether the participant may register public toolkits
         * @param registerPrivateToolkit whether the participant may register private toolkits
         * @param call                   whether the participant may make agent calls
         * @param useAgents              whether the participant may use agents
         * @param useTools               whether the participant may use tools
         * @param allowedToolkits        the toolkits the participant may use, or {@code null} for any
         */
        public Agents { allowedToolkits = Json.copy(allowedToolkits); }
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("register_agent", registerAgent, true)
                    .bool("register_public_toolkit", registerPublicToolkit, true)
                    .bool("register_private_toolkit", registerPrivateToolkit, true).bool("call", call, true)
                    .bool("use_agents", useAgents, true).bool("use_tools", useTools, true)
                    .strings("allowed_toolkits", allowedToolkits).map();
        }
        static Agents fromWire(Map<String, Object> in) {
            return new Agents(Json.bool(in, "register_agent", true), Json.bool(in, "register_public_toolkit", true),
                    Json.bool(in, "register_private_toolkit", true), Json.bool(in, "call", true),
                    Json.bool(in, "use_agents", true), Json.bool(in, "use_tools", true),
                    Json.strings(in, "allowed_toolkits"));
        }
    }

    /**
     * {@code llm}: {@code models} ({@code provider/model}, {@code *} suffix allowed; {@code null} = any).
     *
     * @param models the models the participant may call through the LLM proxy, or {@code null} for any
     */
    public record Llm(List<String> models) implements Grant {
        /** Any model. */
        public static final Llm ANY = new Llm(null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: any).
         *
         * @param models the models the participant may call through the LLM proxy, or {@code null} for any
         */
        public Llm { models = Json.copy(models); }
        @Override public Map<String, Object> toWire() {
            return Json.out().strings("models", models).map();
        }
        /**
         * A grant limited to these models, as policies usually write it: {@code Llm.only("openai/*")}.
         *
         * @param models {@code provider/model} names, each may end in {@code *}
         * @return the grant
         */
        public static Llm only(String... models) { return new Llm(List.of(models)); }
    }

    /**
     * {@code admin}: {@code config} (true).
     *
     * @param config whether the participant may use the admin {@code config} operations
     */
    public record Admin(boolean config) implements Grant {
        /** Configuration. */
        public static final Admin ALL = new Admin(true);
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("config", config, true).map();
        }
    }

    /** {@code secrets}: no fields; a wire object with any key is rejected (Python SDK 0.50.1). */
    public record Secrets() implements Grant {
        /** The only value: the grant is present. */
        public static final Secrets ALL = new Secrets();
        @Override public Map<String, Object> toWire() {
            return new LinkedHashMap<>();
        }
        static Secrets fromWire(Map<String, Object> in) {
            if (!in.isEmpty()) {
                throw new IllegalArgumentException("\"secrets\" allows no fields, got " + in.keySet());
            }
            return ALL;
        }
    }

    /**
     * {@code tunnels}: {@code ports} ({@code null} = all ports).
     *
     * @param ports the ports the participant may tunnel, or {@code null} for all
     */
    public record Tunnels(List<String> ports) implements Grant {
        /** Every port. */
        public static final Tunnels ALL = new Tunnels(null);
        /**
         * Copies the list, unmodifiable ({@code null} stays {@code null}: all).
         *
         * @param ports the ports the participant may tunnel, or {@code null} for all
         */
        public Tunnels { ports = Json.copy(ports); }
        @Override public Map<String, Object> toWire() {
            return Json.out().strings("ports", ports).map();
        }
    }

    /**
     * {@code services}: {@code list} (true).
     *
     * @param list whether the participant may list the room's services
     */
    public record Services(boolean list) implements Grant {
        /** Listing. */
        public static final Services ALL = new Services(true);
        @Override public Map<String, Object> toWire() {
            return Json.out().bool("list", list, true).map();
        }
    }
}
