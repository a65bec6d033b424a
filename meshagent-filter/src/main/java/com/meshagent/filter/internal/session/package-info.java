/**
 * The small {@code Serializable} records kept in the container session under class-named keys: pending
 * sign-ins (at most 5, 10 minutes, single use) and the signed-in user with their tokens. No library objects, so
 * any container session store can replicate them. Not API.
 */
package com.meshagent.filter.internal.session;
