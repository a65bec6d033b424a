package com.meshagent.devserver;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Command line: see {@link #usage()}. */
final class Main {
    private Main() {}

    static void run(String[] args) {
        DevServer.Builder builder;
        try {
            builder = parse(args);
            if (builder == null) {
                System.out.println(usage());
                return;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("meshagent-devserver: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        DevServer server;
        try {
            server = builder.start();
        } catch (RuntimeException e) {
            System.err.println("meshagent-devserver: " + e.getMessage());
            System.exit(1);
            return;
        }
        server.bootstrap().envLines().forEach(System.out::println);
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "devserver-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The builder the options describe, or null for {@code --help}; bad options throw IllegalArgumentException. */
    static DevServer.Builder parse(String[] args) {
        DevServer.Builder builder = DevServer.builder().port(DevServer.DEFAULT_MAIN_PORT);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> builder.port(parsePort(value(args, ++i, a)));
                case "--data" -> builder.dataDir(Path.of(value(args, ++i, a)));
                case "--host" -> builder.host(value(args, ++i, a));
                case "--redirect-uri" -> builder.redirectUris(value(args, ++i, a));
                case "--admin-email" -> builder.adminEmail(value(args, ++i, a));
                case "--backchannel-logout-uri" -> builder.backchannelLogoutUri(value(args, ++i, a));
                case "--access-token-lifetime" -> builder.accessTokenLifetime(parseDuration(value(args, ++i, a)));
                case "--help", "-h" -> {
                    return null;
                }
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
        }
        return builder;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number: " + s);
        }
    }

    private static java.time.Duration parseDuration(String s) {
        try {
            return java.time.Duration.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("--access-token-lifetime must be an ISO-8601 duration such as PT70S: " + s);
        }
    }

    static String usage() {
        return "usage: java -jar meshagent-devserver.jar [--port N (default 8081, 0 = free)] [--data DIR]"
                + " [--host ADDR (default 127.0.0.1)] [--redirect-uri URI]... [--admin-email EMAIL]"
                + " [--backchannel-logout-uri URI] [--access-token-lifetime DURATION (ISO-8601, e.g. PT70S; default PT1H)]";
    }
}
