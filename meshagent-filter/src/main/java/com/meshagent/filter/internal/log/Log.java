package com.meshagent.filter.internal.log;

import java.lang.System.Logger.Level;

/**
 * A {@link System.Logger} with {@code {}} placeholders. {@code System.Logger} goes to java.util.logging unless
 * the application installs a {@code System.LoggerFinder} (SLF4J's {@code slf4j-jdk-platform-logging}, Log4j's
 * {@code log4j-jpl}), so filter warnings reach Tomcat's and Jetty's logs without any extra jar. The message is
 * only formatted when the level is enabled. A {@link Throwable} left over after the placeholders is logged as
 * the record's exception. Callers pass no secrets: this class cannot tell them apart.
 *
 * <p>It is a {@code System.Logger} itself only so that java.util.logging skips it when it works out which
 * class logged (it skips frames of {@code System.Logger} implementations).
 */
public final class Log implements System.Logger {

    private final System.Logger logger;

    private Log(System.Logger logger) {
        this.logger = logger;
    }

    /** The logger named after {@code type}. */
    public static Log of(Class<?> type) {
        return new Log(System.getLogger(type.getName()));
    }

    public void debug(String pattern, Object... args) {
        format(Level.DEBUG, pattern, args);
    }

    public void info(String pattern, Object... args) {
        format(Level.INFO, pattern, args);
    }

    public void warn(String pattern, Object... args) {
        format(Level.WARNING, pattern, args);
    }

    public void error(String pattern, Object... args) {
        format(Level.ERROR, pattern, args);
    }

    @Override
    public String getName() {
        return logger.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return logger.isLoggable(level);
    }

    @Override
    public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
        logger.log(level, bundle, msg, thrown);
    }

    @Override
    public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
        logger.log(level, bundle, format, params);
    }

    private void format(Level level, String pattern, Object[] args) {
        if (!logger.isLoggable(level)) {
            return;
        }
        StringBuilder sb = new StringBuilder(pattern.length() + 32);
        int used = 0;
        int from = 0;
        for (int at = pattern.indexOf("{}"); at >= 0 && used < args.length; at = pattern.indexOf("{}", from)) {
            sb.append(pattern, from, at).append(args[used++]);
            from = at + 2;
        }
        sb.append(pattern, from, pattern.length());
        if (used < args.length && args[args.length - 1] instanceof Throwable thrown) {
            logger.log(level, sb.toString(), thrown);
        } else {
            logger.log(level, sb.toString());
        }
    }
}
