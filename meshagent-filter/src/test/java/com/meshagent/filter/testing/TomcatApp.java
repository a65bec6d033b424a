package com.meshagent.filter.testing;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The filter mapped to {@code /*} in an embedded Tomcat 11 context at {@code contextPath}, on 127.0.0.1
 * port 0. The port is bound before the filter is configured, so the config can name the real redirect URI.
 */
public final class TomcatApp implements AutoCloseable {

    private final Tomcat tomcat;
    private final URI base;
    private final String contextPath;

    private TomcatApp(Tomcat tomcat, URI base, String contextPath) {
        this.tomcat = tomcat;
        this.base = base;
        this.contextPath = contextPath;
    }

    /**
     * Starts; {@code configure} gets the server's base URI ({@code http://127.0.0.1:<port>}), {@code app}
     * adds the application's servlets (and may add filters before the MeshAgent filter).
     */
    public static TomcatApp start(String contextPath, Function<URI, MeshAgentConfig> configure, Consumer<Context> app)
            throws Exception {
        Path baseDir = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        tomcat.init();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        Context ctx = tomcat.addContext(contextPath, null);
        FilterDef def = new FilterDef();
        def.setFilterName("meshagent");
        def.setFilter(new MeshAgentFilter(configure.apply(base)));
        ctx.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName("meshagent");
        map.addURLPattern("/*");
        ctx.addFilterMap(map);
        app.accept(ctx);
        tomcat.start();
        return new TomcatApp(tomcat, base, contextPath);
    }

    /** {@code http://127.0.0.1:<port>}, without the context path. */
    public URI base() {
        return base;
    }

    /** {@code path} under the context path, e.g. {@code uri("/rooms")} is {@code http://127.0.0.1:<port>/shop/rooms}. */
    public String uri(String path) {
        return base + contextPath + path;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
