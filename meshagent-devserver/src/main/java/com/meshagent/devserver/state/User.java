package com.meshagent.devserver.state;

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
}
