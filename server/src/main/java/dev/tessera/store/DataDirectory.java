package dev.tessera.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory of the embedded store, held by one process at a time. The directory is the
 * owner's only (0700) and its files too (0600): the database holds keyed hashes and encrypted keys,
 * the master key file the key itself. {@link #open} creates it so, tightens what an older release
 * left readable, and takes an OS lock on {@code tessera.lock}: a second process on the same directory
 * would otherwise read a database the first is still writing and lose the first's later writes, so it
 * stops at start, naming the holder.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    public static final String LOCK_FILE = "tessera.lock";
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockChannel, FileLock lock) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Creates (0700) or tightens the directory, and locks it.
     *
     * @throws IllegalStateException when another process holds it, or it cannot be created or locked
     */
    public static DataDirectory open(Path dir) {
        Path path = prepare(dir);
        try {
            FileChannel ch = FileChannel.open(path.resolve(LOCK_FILE), Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), ownerOnly(FILE_MODE));
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;                                   // held by this very process
            }
            if (lock == null) {
                String holder = readHolder(ch);
                ch.close();
                throw new IllegalStateException("The data directory " + path + " is in use by another Tessera process"
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")") + ": stop it first, or give this one its own "
                        + "TESSERA_DATA_DIR");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            ch.force(true);
            return new DataDirectory(path, ch, lock);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the data directory " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates (0700) or tightens the directory and its files without locking it: for the master key
     * file beside an external database, which several processes may share.
     */
    public static Path prepare(Path dir) {
        Path path = dir.toAbsolutePath().normalize();
        try {
            createOwnerOnly(path);
            tighten(path, true);
            return path;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open the data directory " + path + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /**
     * Sets the owner-only mode on the files H2 created after {@link #open} (its database file, created
     * with the process umask; inside the 0700 directory nobody else could reach it meanwhile).
     */
    public void tightenFiles() {
        try {
            tighten(path, false);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot set the mode of the files in " + path + ": " + e.getMessage(), e);
        }
    }

    /** A file attribute for owner-only creation, or none on a file system without POSIX modes. */
    public static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> mode) {
        return posix(Path.of(".")) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    /** Creates {@code dir} (and missing parents) with mode 0700 where it is created. */
    public static void createOwnerOnly(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent);
        try {
            Files.createDirectory(dir, ownerOnly(DIRECTORY_MODE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) throw e;
        }
    }

    /** Owner-only modes on the directory and on every regular file directly in it. */
    private static void tighten(Path dir, boolean warn) throws IOException {
        if (!posix(dir)) return;
        setMode(dir, DIRECTORY_MODE, warn);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) setMode(f, FILE_MODE, warn);
            }
        }
    }

    private static void setMode(Path p, Set<PosixFilePermission> mode, boolean warn) throws IOException {
        Set<PosixFilePermission> current = Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        if (current.equals(mode)) return;
        Files.setPosixFilePermissions(p, mode);
        if (warn) LOG.warn("Set the mode of {} to {} (was {}): the data directory is for Tessera's user only", p,
                PosixFilePermissions.toString(mode), PosixFilePermissions.toString(current));
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String readHolder(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            ch.read(b, 0);
            return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Releases the lock (the file stays; the lock, not the file, says who holds the directory). */
    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
            lockChannel.close();
        } catch (IOException e) {
            LOG.warn("Cannot release the lock of {}", path, e);
        }
    }
}
