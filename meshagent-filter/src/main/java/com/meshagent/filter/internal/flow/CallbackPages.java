package com.meshagent.filter.internal.flow;

/**
 * The pages {@code GET /meshagent/callback} answers with when a sign-in does not complete. Each leads to a new
 * sign-in; none says more than the user can act on (the details go to the log).
 */
final class CallbackPages {

    private CallbackPages() {}

    /** The callback's query was not one this filter sends back (repeated, missing or oversized parameters, ...). */
    static Outcome.Page invalid(String ctx) {
        return new Outcome.Page(400, "Sign-in could not be completed",
                "The sign-in response was not valid. Please start again.", Links.login(ctx, "/"), "Sign in again");
    }

    /** The state names no sign-in of this browser session. */
    static Outcome.Page notStartedHere(String ctx) {
        return new Outcome.Page(400, "Sign-in could not be completed",
                "This sign-in link is not valid in this browser, the sign-in took too long, or this browser blocks"
                        + " cookies for this site (sign-in needs them). Please allow cookies and start again.",
                Links.login(ctx, "/"), "Sign in again");
    }

    /** The sign-in this browser started has expired. */
    static Outcome.Page expired(String ctx, String returnTo) {
        return new Outcome.Page(400, "Sign-in expired", "The sign-in took too long. Please start again.",
                Links.login(ctx, returnTo), "Sign in again");
    }

    /** The provider sent {@code error} back instead of a code: 403 when the user declined, else 400. */
    static Outcome.Page declined(String ctx, String returnTo, String error) {
        return new Outcome.Page(error.equals("access_denied") ? 403 : 400, "Sign-in was not completed",
                "MeshAgent did not sign you in (" + printable(error) + ").", Links.login(ctx, returnTo), "Try again");
    }

    /** The token or profile endpoint did not answer properly. */
    static Outcome.Page unreachable(String ctx, String returnTo) {
        return new Outcome.Page(502, "MeshAgent could not be reached",
                "Signing in failed because the sign-in service did not answer properly. Please try again.",
                Links.login(ctx, returnTo), "Try again");
    }

    /** The provider answered, but what it sent did not pass the checks; {@code reason} is a stable code. */
    static Outcome.Page notVerified(String ctx, String returnTo, String reason) {
        return new Outcome.Page(400, "Sign-in could not be completed",
                "The sign-in could not be verified (reason: " + reason + "). Please try again.",
                Links.login(ctx, returnTo), "Try again");
    }

    /** Error codes are attacker-controlled: keep them short and printable for logs and pages. */
    static String printable(String s) {
        String t = s.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
