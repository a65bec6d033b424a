/** Compact JSON writing shared by the room tokens and the filter's answers. */
package com.meshagent.filter.internal.json;
