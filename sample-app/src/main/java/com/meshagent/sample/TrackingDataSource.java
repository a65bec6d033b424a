package com.meshagent.sample;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A {@link DataSource} that runs {@code onFailure} when a connection cannot be had; everything else is delegated. */
final class TrackingDataSource implements DataSource {

    private final DataSource delegate;
    private final Runnable onFailure;

    TrackingDataSource(DataSource delegate, Runnable onFailure) {
        this.delegate = delegate;
        this.onFailure = onFailure;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return delegate.getConnection();
        } catch (SQLException e) {
            onFailure.run();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        try {
            return delegate.getConnection(username, password);
        } catch (SQLException e) {
            onFailure.run();
            throw e;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
