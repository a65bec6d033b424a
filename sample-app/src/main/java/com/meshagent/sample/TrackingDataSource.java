package com.meshagent.sample;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Wraps a {@link DataSource} so that {@code onFailure} runs whenever it, or a connection, statement or result set
 * obtained from it, throws an {@link SQLException}: a pooled connection that died with the database fails only
 * at its first query, not at {@code getConnection()}.
 */
final class TrackingDataSource {

    private TrackingDataSource() {}

    static DataSource wrap(DataSource delegate, Runnable onFailure) {
        return track(delegate, DataSource.class, onFailure);
    }

    private static <T> T track(Object target, Class<T> type, Runnable onFailure) {
        return type.cast(Proxy.newProxyInstance(TrackingDataSource.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof SQLException) {
                            onFailure.run();
                        }
                        throw e.getCause();
                    }
                    Class<?> returned = method.getReturnType();
                    if (result != null && returned.isInterface() && returned.getPackageName().equals("java.sql")) {
                        return track(result, returned, onFailure);
                    }
                    return result;
                }));
    }
}
