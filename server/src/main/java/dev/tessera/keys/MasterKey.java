package dev.tessera.keys;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key: encrypts private signing keys at rest (AES-256-GCM, with the tenant and key id as
 * associated data) and derives the keys of keyed hashes. From {@code TESSERA_MASTER_KEY} (32 bytes,
 * base64), or for the embedded default a generated key file in the data directory.
 */
public final class MasterKey {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKey.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec aes;
    private final byte[] raw;

    public MasterKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes (base64-encoded)");
        }
        this.raw = raw.clone();
        this.aes = new SecretKeySpec(derive("tessera/key-encryption"), "AES");
    }

    public static MasterKey fromBase64(String b64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            try {
                bytes = Base64.getUrlDecoder().decode(b64.trim());
            } catch (IllegalArgumentException e2) {
                throw new IllegalArgumentException("TESSERA_MASTER_KEY is not valid base64");
            }
        }
        return new MasterKey(bytes);
    }

    /**
     * Loads {@code master.key} from the data directory, or creates it (owner-only) if absent. A new key
     * over a store that already holds data would silently invalidate every stored hash and encrypted
     * key, so a missing file is then refused: the file was lost, and only the old key opens that data.
     *
     * @param storeHoldsData whether the database already holds tenants (written under some master key)
     */
    public static MasterKey loadOrCreate(Path dataDir, boolean storeHoldsData) {
        Path file = dataDir.resolve("master.key");
        try {
            if (Files.exists(file)) {
                return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
            }
            if (storeHoldsData) {
                throw new IllegalStateException("The master key file " + file + " is missing, but the database already holds "
                        + "data encrypted and hashed under a master key: restore master.key from a backup (or set "
                        + "TESSERA_MASTER_KEY to that key). Refusing to start with a new key.");
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            writeAtomically(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            LOG.warn("Generated a master key in {}: set TESSERA_MASTER_KEY and keep it in a secret store for production", file);
            return new MasterKey(key);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot read or create the master key file " + file, e);
        }
    }

    /**
     * Writes a file whole or not at all, even across a crash: an owner-only temporary file beside it,
     * forced to disk, renamed over it atomically, then the directory forced (the rename itself).
     */
    static void writeAtomically(Path file, byte[] content) throws java.io.IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------"))} : new FileAttribute<?>[0];
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp", attrs);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(content);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (posix) {
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (java.io.IOException ignored) {
                // a directory cannot be forced on this platform; the rename is still atomic
            }
        }
    }

    /** A sub-key for one purpose (HMAC-SHA-256 of the purpose label under the master key). */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(raw, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encrypt(String plaintext, String associatedData) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, aes, new GCMParameterSpec(128, iv));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String decrypt(String encrypted, String associatedData) {
        try {
            byte[] in = Base64.getUrlDecoder().decode(encrypted);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, aes, new GCMParameterSpec(128, in, 0, 12));
            c.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a signing key: wrong master key?", e);
        }
    }
}
