package com.meshagent.devserver.state;

import java.util.Map;
import java.util.Objects;

/** A signed-in person. {@code id} is a UUID and is the stable subject; email is only an attribute. */
public record User(String id, String email, String firstName, String lastName) {
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
    }

    /** "First Last", or the email when no name is known. */
    public String displayName() {
        String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        return n.isEmpty() ? email : n;
    }

    /** The user's profile as JSON members (a fresh map): what the profile API and the data file say of them. */
    public Map<String, Object> profile() {
        return JsonObjects.ordered("id", id, "email", email, "first_name", firstName, "last_name", lastName);
    }
}
