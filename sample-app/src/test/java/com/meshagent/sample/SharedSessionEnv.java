package com.meshagent.sample;

import com.meshagent.devserver.DevServer;
import com.meshagent.testsupport.PostgresServer;
import java.util.HashMap;
import java.util.Map;

/** The variables of the README's two-node section: the devserver's lines, a free port, the session store. */
final class SharedSessionEnv {

    private SharedSessionEnv() {}

    static Map<String, String> of(DevServer meshagent, PostgresServer pg, String jdbcUrl) {
        Map<String, String> env = new HashMap<>();
        for (String line : meshagent.bootstrap().envLines()) {
            env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
        }
        env.put("PORT", "0");
        env.put("SAMPLE_SESSION_JDBC_URL", jdbcUrl);
        env.put("SAMPLE_SESSION_JDBC_USER", pg.user());
        env.put("SAMPLE_SESSION_JDBC_PASSWORD", pg.password());
        return env;
    }
}
