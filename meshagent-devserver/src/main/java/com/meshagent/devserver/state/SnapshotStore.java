package com.meshagent.devserver.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory: one {@code state.json}, replaced atomically on every change. A write goes to a
 * fresh temp file in the same directory, is fsynced, renamed over {@code state.json} with an atomic
 * move, and the directory is fsynced, so after {@link #save} returns the new state survives a crash,
 * and a crash before that leaves the previous file intact (a leftover temp file is ignored and removed
 * at the next start).
 */
public final class SnapshotStore {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
    static final String FILE = "state.json";
    static final String TEMP_PREFIX = "state.json.tmp-";

    private final Path dir;

    public SnapshotStore(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir.resolve(FILE);
    }

    /** The saved state, if any; throws when the file exists but cannot be read (never overwrites it). */
    public Optional<Snapshot> load() {
        try {
            Files.createDirectories(dir);
            removeLeftoverTempFiles();
            Path file = file();
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(SnapshotCodec.fromJson(json));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read devserver data in " + dir, e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("devserver data file " + file() + " is not valid: " + e.getMessage(), e);
        }
    }

    /** Writes {@code snapshot} durably (see the class comment); throws if it could not. */
    public void save(Snapshot snapshot) {
        byte[] bytes = SnapshotCodec.toJson(snapshot).getBytes(StandardCharsets.UTF_8);
        Path temp = dir.resolve(TEMP_PREFIX + Secrets.alphanumeric(8));
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            ownerOnly(temp);
            Files.move(temp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the leftover is removed at the next start
            }
            throw new UncheckedIOException("cannot write devserver data in " + dir, e);
        }
    }

    /** The file holds API key secrets: readable by its owner only, where the file system has POSIX permissions. */
    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions here: {}", e.toString());
        }
    }

    private void syncDirectory() {
        // Makes the rename itself durable; not every platform lets a directory be opened for this.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("directory fsync not supported here: {}", e.toString());
        }
    }

    private void removeLeftoverTempFiles() throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
            for (Path p : leftovers) {
                LOG.warn("removing unfinished write {} (the previous run stopped mid-write)", p.getFileName());
                Files.deleteIfExists(p);
            }
        }
    }
}
