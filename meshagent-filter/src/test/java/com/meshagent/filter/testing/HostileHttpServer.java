package com.meshagent.filter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A raw-socket HTTP server that misbehaves by path prefix, for testing the outbound limits:
 * {@code /big...} answers 200 with a 1 MiB JSON body (holding {@link #BODY_MARKER}), {@code /slow-headers...}
 * reads the request and never answers, {@code /trickle...} sends headers and then one body byte every 50 ms.
 * {@link #unreachable()} is an address whose listen queue is full, so connecting to it hangs.
 */
public final class HostileHttpServer implements AutoCloseable {

    /** Text the big body repeats: it must never show up in an exception message. */
    public static final String BODY_MARKER = "BODY-MARKER-7f3a";

    private final ServerSocket server;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final List<Socket> open = new ArrayList<>();
    private ServerSocket full;

    public HostileHttpServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-http");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /**
     * A base URI nobody accepts on: a listening socket with a backlog of 1 that never accepts, its queue
     * filled first, so further connection attempts get no answer (Linux drops the SYN).
     */
    public synchronized URI unreachable() throws IOException {
        if (full == null) {
            full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 8; i++) {
                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                    open.add(s);
                } catch (IOException queueFull) {
                    s.close();
                    break;
                }
            }
        }
        return URI.create("http://127.0.0.1:" + full.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                synchronized (this) {
                    open.add(s);
                }
                Thread t = new Thread(() -> serve(s), "hostile-http-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            String path = readRequestPath(s.getInputStream());
            OutputStream out = s.getOutputStream();
            if (path.startsWith("/big")) {
                int size = 1024 * 1024;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("{\"x\":\"" + BODY_MARKER.repeat(1000)).getBytes(StandardCharsets.US_ASCII);
                for (int sent = 0; sent < size; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, size - sent));
                }
                out.flush();
            } else if (path.startsWith("/trickle")) {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                for (int i = 0; i < 1000 && !closed.await(50, TimeUnit.MILLISECONDS); i++) {
                    out.write(' ');
                    out.flush();
                }
            } else {
                closed.await(30, TimeUnit.SECONDS); // slow headers: never answer
            }
        } catch (IOException | InterruptedException clientGone) {
            // the client gave up, as it should
        }
    }

    private static String readRequestPath(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        String[] requestLine = head.toString().split(" ", 3);
        return requestLine.length > 1 ? requestLine[1] : "/";
    }

    @Override
    public synchronized void close() throws IOException {
        closed.countDown();
        server.close();
        if (full != null) {
            full.close();
        }
        for (Socket s : open) {
            s.close();
        }
    }
}
