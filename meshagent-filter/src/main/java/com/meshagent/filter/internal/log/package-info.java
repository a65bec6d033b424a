/**
 * The library's logging: {@link java.lang.System.Logger}, so warnings reach the container's log with no
 * logging dependency. Not API.
 */
package com.meshagent.filter.internal.log;
