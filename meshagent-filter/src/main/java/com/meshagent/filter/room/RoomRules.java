package com.meshagent.filter.room;

import com.meshagent.filter.MeshAgentUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The rule-based {@link RoomAccessPolicy} built by {@link RoomAccessPolicy#rules()}.
 *
 * <pre>{@code
 * RoomAccessPolicy policy = RoomAccessPolicy.rules()
 *         .when(Match.userId("u-42")).allow(ParticipantRole.AGENT, ApiScope.agentDefault())
 *         .when(Match.room("private-[a-z0-9-]+")).deny("Private rooms are invite-only")
 *         .when(Match.emailDomain("example.com").and(Match.room("team-[a-z0-9-]+")))
 *             .allow(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
 *         .suggest("team-general")
 *         .otherwise("You are not invited to this room")
 *         .build();
 * }</pre>
 *
 * <p>Rules are tried in order; the first whose {@link Match} matches decides. Immutable and thread-safe.
 */
public final class RoomRules implements RoomAccessPolicy {

    /** A condition on the user and the room name. */
    @FunctionalInterface
    public interface Match extends BiPredicate<MeshAgentUser, String> {

        /**
         * Users whose <b>verified</b> email's domain (after the last {@code @}) is one of {@code domains},
         * ignoring case; no subdomains. An email the provider did not vouch for
         * ({@link MeshAgentUser#verifiedEmail()} empty) never matches.
         *
         * @param domains bare domains such as {@code example.com}; at least one
         * @return the condition
         */
        static Match emailDomain(String... domains) {
            Set<String> set = lowerCase(domains, "emailDomain");
            for (String d : set) {
                if (d.isEmpty() || d.contains("@")) {
                    throw new IllegalArgumentException("emailDomain must be a bare domain: " + d);
                }
            }
            return (user, room) -> {
                String email = user.verifiedEmail().orElse(null);
                int at = email == null ? -1 : email.lastIndexOf('@');
                return at > 0 && set.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
            };
        }

        /**
         * Users whose subject id is one of {@code ids} (exact, case-sensitive).
         *
         * @param ids provider subject ids
         * @return the condition
         */
        static Match userId(String... ids) {
            Set<String> set = Set.of(ids);
            return (user, room) -> set.contains(user.id());
        }

        /**
         * Room names matching the regular expression {@code regex} as a whole (not a substring).
         *
         * @param regex a {@link Pattern} expression
         * @return the condition
         */
        static Match room(String regex) {
            Pattern pattern = Pattern.compile(Objects.requireNonNull(regex, "room regex"));
            return (user, room) -> pattern.matcher(room).matches();
        }

        /**
         * Every user, every room.
         *
         * @return the condition that always holds
         */
        static Match always() {
            return (user, room) -> true;
        }

        /**
         * Both this and {@code other}.
         *
         * @param other the second condition
         * @return the combined condition
         */
        default Match and(Match other) {
            Objects.requireNonNull(other, "other");
            return (user, room) -> test(user, room) && other.test(user, room);
        }

        /**
         * This or {@code other}.
         *
         * @param other the second condition
         * @return the combined condition
         */
        default Match or(Match other) {
            Objects.requireNonNull(other, "other");
            return (user, room) -> test(user, room) || other.test(user, room);
        }

        private static Set<String> lowerCase(String[] values, String name) {
            if (values.length == 0) {
                throw new IllegalArgumentException(name + " needs at least one value");
            }
            List<String> out = new ArrayList<>();
            for (String v : values) {
                out.add(Objects.requireNonNull(v, name).strip().toLowerCase(Locale.ROOT));
            }
            return Set.copyOf(out);
        }
    }

    private record Rule(Match match, RoomAccess access) {}

    private final List<Rule> rules;
    private final List<String> suggestions;
    private final RoomAccess.Denied otherwise;

    private RoomRules(List<Rule> rules, List<String> suggestions, RoomAccess.Denied otherwise) {
        this.rules = List.copyOf(rules);
        this.suggestions = List.copyOf(suggestions);
        this.otherwise = otherwise;
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * The outcome of the first rule whose condition matches, else the {@code otherwise} denial.
     *
     * @param user     the signed-in user
     * @param roomName a valid room name
     * @return the decision
     */
    @Override
    public RoomAccess decide(MeshAgentUser user, String roomName) {
        for (Rule rule : rules) {
            if (rule.match().test(user, roomName)) {
                return rule.access();
            }
        }
        return otherwise;
    }

    /**
     * The configured suggestions this user would be allowed into.
     *
     * @param user the signed-in user
     * @return the suggested rooms the rules let {@code user} join, in the order given
     */
    @Override
    public List<String> suggestedRooms(MeshAgentUser user) {
        return suggestions.stream().filter(room -> decide(user, room) instanceof RoomAccess.Allowed).toList();
    }

    /** Builds a {@link RoomRules}; not thread-safe, use once. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final List<String> suggestions = new ArrayList<>();
        private RoomAccess.Denied otherwise = new RoomAccess.Denied("You are not allowed in this room");

        private Builder() {}

        /**
         * Starts a rule; finish it with {@link When#allow} or {@link When#deny}.
         *
         * @param match the rule's condition
         * @return the unfinished rule
         */
        public When when(Match match) {
            return new When(this, Objects.requireNonNull(match, "match"));
        }

        /**
         * Rooms to suggest (each still filtered through the rules per user).
         *
         * @param rooms valid room names
         * @return this builder
         */
        public Builder suggest(String... rooms) {
            for (String room : rooms) {
                if (!RoomName.isValid(room)) {
                    throw new IllegalArgumentException("suggest: not a valid MeshAgent room name: " + room);
                }
                suggestions.add(room);
            }
            return this;
        }

        /**
         * The denial reason when no rule matches (default "You are not allowed in this room").
         *
         * @param reason shown to the user
         * @return this builder
         */
        public Builder otherwise(String reason) {
            this.otherwise = new RoomAccess.Denied(reason);
            return this;
        }

        /**
         * The policy.
         *
         * @return an immutable policy with the rules added so far
         */
        public RoomRules build() {
            return new RoomRules(rules, suggestions, otherwise);
        }
    }

    /** A rule waiting for its outcome. */
    public static final class When {
        private final Builder builder;
        private final Match match;

        private When(Builder builder, Match match) {
            this.builder = builder;
            this.match = match;
        }

        /**
         * Matching users may join as {@code role} with {@code scope}; tokens live
         * {@link RoomAccessPolicy#DEFAULT_TTL}.
         *
         * @param role  the participant's role
         * @param scope the room APIs the participant may use
         * @return the builder, for the next rule
         */
        public Builder allow(ParticipantRole role, ApiScope scope) {
            return allow(role, scope, DEFAULT_TTL);
        }

        /**
         * Matching users may join as {@code role} with {@code scope}; tokens live {@code ttl} (capped by
         * configuration).
         *
         * @param role  the participant's role
         * @param scope the room APIs the participant may use
         * @param ttl   the participant token's lifetime
         * @return the builder, for the next rule
         */
        public Builder allow(ParticipantRole role, ApiScope scope, Duration ttl) {
            builder.rules.add(new Rule(match, new RoomAccess.Allowed(role, scope, ttl)));
            return builder;
        }

        /**
         * Matching users are denied.
         *
         * @param reason shown to the user
         * @return the builder, for the next rule
         */
        public Builder deny(String reason) {
            builder.rules.add(new Rule(match, new RoomAccess.Denied(reason)));
            return builder;
        }
    }
}
