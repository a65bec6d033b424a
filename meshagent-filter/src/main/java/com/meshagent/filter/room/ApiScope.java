package com.meshagent.filter.room;

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
            j = Wire.toJson(toWire());
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
                map.put(key, read(key, Wire.object(e.getValue(), e.getKey())));
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
        return fromWire(Wire.parseObject(json));
    }

    private static Grant read(Key key, Map<String, Object> in) {
        return switch (key) {
            case LIVEKIT -> new Livekit(Wire.strings(in, "breakout_rooms"));
            case QUEUES -> new Queues(Wire.strings(in, "send"), Wire.strings(in, "receive"), Wire.bool(in, "list", true));
            case MESSAGING -> new Messaging(Wire.bool(in, "broadcast", true), Wire.bool(in, "list", true),
                    Wire.bool(in, "send", true));
            case DATASET -> new Dataset(Wire.objects(in, "tables", Table::fromWire), Wire.bool(in, "list_tables", true));
            case SQLITE -> new Sqlite(Wire.bool(in, "create_database", true), Wire.bool(in, "list_databases", true),
                    Wire.objects(in, "databases", SqliteDatabase::fromWire));
            case MEMORY -> new Memory(Wire.bool(in, "list", true), Wire.objects(in, "memories", MemoryEntry::fromWire));
            case SYNC -> new Sync(Wire.objects(in, "paths", PathGrant::fromWire));
            case STORAGE -> new Storage(Wire.objects(in, "paths", PathGrant::fromWire));
            case CONTAINERS -> Containers.fromWire(in);
            case DEVELOPER -> new Developer(Wire.bool(in, "logs", true));
            case AGENTS -> Agents.fromWire(in);
            case LLM -> new Llm(Wire.strings(in, "models"));
            case ADMIN -> new Admin(Wire.bool(in, "config", true));
            case SECRETS -> Secrets.fromWire(in);
            case TUNNELS -> new Tunnels(Wire.strings(in, "ports"));
            case SERVICES -> new Services(Wire.bool(in, "list", true));
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

    /** {@code livekit}: {@code breakout_rooms} ({@code null} = any). */
    public record Livekit(List<String> breakoutRooms) implements Grant {
        public static final Livekit ANY = new Livekit(null);
        public Livekit { breakoutRooms = Wire.copy(breakoutRooms); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().strings("breakout_rooms", breakoutRooms).map();
        }
    }

    /** {@code queues}: {@code send}, {@code receive} ({@code null} = all), {@code list} (true). */
    public record Queues(List<String> send, List<String> receive, boolean list) implements Grant {
        public static final Queues ALL = new Queues(null, null, true);
        public Queues { send = Wire.copy(send); receive = Wire.copy(receive); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().strings("send", send).strings("receive", receive).bool("list", list, true).map();
        }
    }

    /** {@code messaging}: {@code broadcast}, {@code list}, {@code send} (all true). */
    public record Messaging(boolean broadcast, boolean list, boolean send) implements Grant {
        public static final Messaging ALL = new Messaging(true, true, true);
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("broadcast", broadcast, true).bool("list", list, true).bool("send", send, true).map();
        }
    }

    /** {@code dataset}: {@code tables} ({@code null} = all), {@code list_tables} (true). */
    public record Dataset(List<Table> tables, boolean listTables) implements Grant {
        public static final Dataset ALL = new Dataset(null, true);
        public Dataset { tables = Wire.copy(tables); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().objects("tables", tables, Table::toWire).bool("list_tables", listTables, true).map();
        }
    }

    /** A dataset table: {@code name}, {@code namespace?}, {@code read} (true), {@code write}, {@code alter} (false). */
    public record Table(String name, List<String> namespace, boolean read, boolean write, boolean alter) {
        public Table { Objects.requireNonNull(name, "name"); namespace = Wire.copy(namespace); }
        Map<String, Object> toWire() {
            return Wire.out().put("name", name).strings("namespace", namespace).bool("read", read, true)
                    .bool("write", write, false).bool("alter", alter, false).map();
        }
        static Table fromWire(Map<String, Object> in) {
            return new Table(Wire.requiredString(in, "name"), Wire.strings(in, "namespace"), Wire.bool(in, "read", true),
                    Wire.bool(in, "write", false), Wire.bool(in, "alter", false));
        }
    }

    /** {@code sqlite}: {@code create_database}, {@code list_databases} (true), {@code databases} ({@code null} = all). */
    public record Sqlite(boolean createDatabase, boolean listDatabases, List<SqliteDatabase> databases) implements Grant {
        public static final Sqlite ALL = new Sqlite(true, true, null);
        public Sqlite { databases = Wire.copy(databases); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("create_database", createDatabase, true).bool("list_databases", listDatabases, true)
                    .objects("databases", databases, SqliteDatabase::toWire).map();
        }
    }

    /** A sqlite database grant; booleans default true except {@code drop}. */
    public record SqliteDatabase(String name, List<String> namespace, boolean createTable, boolean drop, boolean inspect,
            boolean listTables, boolean execute, List<SqliteTable> tables) {
        public SqliteDatabase {
            Objects.requireNonNull(name, "name");
            namespace = Wire.copy(namespace);
            tables = Wire.copy(tables);
        }
        Map<String, Object> toWire() {
            return Wire.out().put("name", name).strings("namespace", namespace).bool("create_table", createTable, true)
                    .bool("drop", drop, false).bool("inspect", inspect, true).bool("list_tables", listTables, true)
                    .bool("execute", execute, true).objects("tables", tables, SqliteTable::toWire).map();
        }
        static SqliteDatabase fromWire(Map<String, Object> in) {
            return new SqliteDatabase(Wire.requiredString(in, "name"), Wire.strings(in, "namespace"),
                    Wire.bool(in, "create_table", true), Wire.bool(in, "drop", false), Wire.bool(in, "inspect", true),
                    Wire.bool(in, "list_tables", true), Wire.bool(in, "execute", true),
                    Wire.objects(in, "tables", SqliteTable::fromWire));
        }
    }

    /** A sqlite table grant: {@code read} (true), {@code write}, {@code alter} (false). */
    public record SqliteTable(String database, String table, List<String> namespace, boolean read, boolean write,
            boolean alter) {
        public SqliteTable {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(table, "table");
            namespace = Wire.copy(namespace);
        }
        Map<String, Object> toWire() {
            return Wire.out().put("database", database).put("table", table).strings("namespace", namespace)
                    .bool("read", read, true).bool("write", write, false).bool("alter", alter, false).map();
        }
        static SqliteTable fromWire(Map<String, Object> in) {
            return new SqliteTable(Wire.requiredString(in, "database"), Wire.requiredString(in, "table"),
                    Wire.strings(in, "namespace"), Wire.bool(in, "read", true), Wire.bool(in, "write", false),
                    Wire.bool(in, "alter", false));
        }
    }

    /** {@code memory}: {@code list} (true), {@code memories} ({@code null} = all). */
    public record Memory(boolean list, List<MemoryEntry> memories) implements Grant {
        public static final Memory ALL = new Memory(true, null);
        public Memory { memories = Wire.copy(memories); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("list", list, true).objects("memories", memories, MemoryEntry::toWire).map();
        }
    }

    /** One memory: {@code name}, {@code namespace?}, {@code permissions} (all true). */
    public record MemoryEntry(String name, List<String> namespace, MemoryPermissions permissions) {
        public MemoryEntry {
            Objects.requireNonNull(name, "name");
            namespace = Wire.copy(namespace);
            permissions = permissions == null ? MemoryPermissions.ALL : permissions;
        }
        Map<String, Object> toWire() {
            return Wire.out().put("name", name).strings("namespace", namespace)
                    .put("permissions", permissions.equals(MemoryPermissions.ALL) ? null : permissions.toWire()).map();
        }
        static MemoryEntry fromWire(Map<String, Object> in) {
            Map<String, Object> p = Wire.object(in, "permissions");
            return new MemoryEntry(Wire.requiredString(in, "name"), Wire.strings(in, "namespace"),
                    p == null ? null : MemoryPermissions.fromWire(p));
        }
    }

    /** Memory permissions, all true by default. */
    public record MemoryPermissions(boolean create, boolean drop, boolean inspect, boolean query, boolean upsert,
            boolean ingest, boolean recall, boolean optimize) {
        public static final MemoryPermissions ALL = new MemoryPermissions(true, true, true, true, true, true, true, true);
        Map<String, Object> toWire() {
            return Wire.out().bool("create", create, true).bool("drop", drop, true).bool("inspect", inspect, true)
                    .bool("query", query, true).bool("upsert", upsert, true).bool("ingest", ingest, true)
                    .bool("recall", recall, true).bool("optimize", optimize, true).map();
        }
        static MemoryPermissions fromWire(Map<String, Object> in) {
            return new MemoryPermissions(Wire.bool(in, "create", true), Wire.bool(in, "drop", true),
                    Wire.bool(in, "inspect", true), Wire.bool(in, "query", true), Wire.bool(in, "upsert", true),
                    Wire.bool(in, "ingest", true), Wire.bool(in, "recall", true), Wire.bool(in, "optimize", true));
        }
    }

    /** A sync/storage path: {@code path} ({@code *} suffix = prefix for sync), {@code read_only} (false). */
    public record PathGrant(String path, boolean readOnly) {
        public PathGrant { Objects.requireNonNull(path, "path"); }
        Map<String, Object> toWire() {
            return Wire.out().put("path", path).bool("read_only", readOnly, false).map();
        }
        static PathGrant fromWire(Map<String, Object> in) {
            return new PathGrant(Wire.requiredString(in, "path"), Wire.bool(in, "read_only", false));
        }
    }

    /** {@code sync}: {@code paths} ({@code null} = all). */
    public record Sync(List<PathGrant> paths) implements Grant {
        public static final Sync ALL = new Sync(null);
        public Sync { paths = Wire.copy(paths); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().objects("paths", paths, PathGrant::toWire).map();
        }
    }

    /** {@code storage}: {@code paths} ({@code null} = all). */
    public record Storage(List<PathGrant> paths) implements Grant {
        public static final Storage ALL = new Storage(null);
        public Storage { paths = Wire.copy(paths); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().objects("paths", paths, PathGrant::toWire).map();
        }
    }

    /** {@code containers}: {@code logs} (true), {@code pull}, {@code run} (null = any), {@code use_containers} (true), {@code registry}. */
    public record Containers(boolean logs, List<String> pull, List<String> run, boolean useContainers,
            Registry registry) implements Grant {
        public static final Containers ALL = new Containers(true, null, null, true, null);
        public Containers { pull = Wire.copy(pull); run = Wire.copy(run); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("logs", logs, true).strings("pull", pull).strings("run", run)
                    .bool("use_containers", useContainers, true)
                    .put("registry", registry == null ? null : registry.toWire()).map();
        }
        static Containers fromWire(Map<String, Object> in) {
            Map<String, Object> r = Wire.object(in, "registry");
            return new Containers(Wire.bool(in, "logs", true), Wire.strings(in, "pull"), Wire.strings(in, "run"),
                    Wire.bool(in, "use_containers", true), r == null ? null : Registry.fromWire(r));
        }
    }

    /** The container registry sub-grant: {@code list}, {@code pull}, {@code run}, {@code write} repository lists. */
    public record Registry(List<String> list, List<String> pull, List<String> run, List<String> write) {
        public Registry { list = Wire.copy(list); pull = Wire.copy(pull); run = Wire.copy(run); write = Wire.copy(write); }
        Map<String, Object> toWire() {
            return Wire.out().strings("list", list).strings("pull", pull).strings("run", run).strings("write", write).map();
        }
        static Registry fromWire(Map<String, Object> in) {
            return new Registry(Wire.strings(in, "list"), Wire.strings(in, "pull"), Wire.strings(in, "run"),
                    Wire.strings(in, "write"));
        }
    }

    /** {@code developer}: {@code logs} (true). */
    public record Developer(boolean logs) implements Grant {
        public static final Developer ALL = new Developer(true);
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("logs", logs, true).map();
        }
    }

    /** {@code agents}: six booleans (true) and {@code allowed_toolkits} ({@code null} = any). */
    public record Agents(boolean registerAgent, boolean registerPublicToolkit, boolean registerPrivateToolkit,
            boolean call, boolean useAgents, boolean useTools, List<String> allowedToolkits) implements Grant {
        public static final Agents ALL = new Agents(true, true, true, true, true, true, null);
        public Agents { allowedToolkits = Wire.copy(allowedToolkits); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("register_agent", registerAgent, true)
                    .bool("register_public_toolkit", registerPublicToolkit, true)
                    .bool("register_private_toolkit", registerPrivateToolkit, true).bool("call", call, true)
                    .bool("use_agents", useAgents, true).bool("use_tools", useTools, true)
                    .strings("allowed_toolkits", allowedToolkits).map();
        }
        static Agents fromWire(Map<String, Object> in) {
            return new Agents(Wire.bool(in, "register_agent", true), Wire.bool(in, "register_public_toolkit", true),
                    Wire.bool(in, "register_private_toolkit", true), Wire.bool(in, "call", true),
                    Wire.bool(in, "use_agents", true), Wire.bool(in, "use_tools", true),
                    Wire.strings(in, "allowed_toolkits"));
        }
    }

    /** {@code llm}: {@code models} ({@code provider/model}, {@code *} suffix allowed; {@code null} = any). */
    public record Llm(List<String> models) implements Grant {
        public static final Llm ANY = new Llm(null);
        public Llm { models = Wire.copy(models); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().strings("models", models).map();
        }
    }

    /** {@code admin}: {@code config} (true). */
    public record Admin(boolean config) implements Grant {
        public static final Admin ALL = new Admin(true);
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("config", config, true).map();
        }
    }

    /** {@code secrets}: no fields; a wire object with any key is rejected (Python SDK 0.50.1). */
    public record Secrets() implements Grant {
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

    /** {@code tunnels}: {@code ports} ({@code null} = all ports). */
    public record Tunnels(List<String> ports) implements Grant {
        public static final Tunnels ALL = new Tunnels(null);
        public Tunnels { ports = Wire.copy(ports); }
        @Override public Map<String, Object> toWire() {
            return Wire.out().strings("ports", ports).map();
        }
    }

    /** {@code services}: {@code list} (true). */
    public record Services(boolean list) implements Grant {
        public static final Services ALL = new Services(true);
        @Override public Map<String, Object> toWire() {
            return Wire.out().bool("list", list, true).map();
        }
    }
}
