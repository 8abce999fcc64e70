package cn.lianmeng.org.member;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encryption at rest of personal data (DESIGN §3) and the blind index that keeps ID numbers unique without storing
 * them in clear.
 * <ul>
 *   <li>One 256-bit master key: {@code LIANMENG_PII_KEY} (base64) in production; for local runs generated once and
 *       kept in {@code LIANMENG_PII_KEY_DIR} (like the token signing key). Losing it loses the encrypted values.</li>
 *   <li>Two keys derived from it with HMAC-SHA256 over fixed labels: one for AES-256-GCM, one for the blind index, so
 *       the index never reveals anything about the ciphertexts and vice versa.</li>
 *   <li>Ciphertext format {@code v1:<base64url(12-byte random IV ‖ ciphertext ‖ 16-byte tag)>}; the associated data
 *       binds a value to its document and field, so a ciphertext copied into another member does not decrypt.</li>
 *   <li>Blind index: hex HMAC-SHA256 over {@code allianceId ␀ value}; equal values in one alliance collide (the
 *       unique index), the same person in two alliances is not linkable.</li>
 * </ul>
 */
public final class PersonalDataCipher {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataCipher.class);
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String KEY_FILE = "pii-master.key";

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("the personal-data master key must be 32 bytes (256 bits)");
        }
        this.encryptionKey = new SecretKeySpec(derive(masterKey, "lianmeng/pii/aes-gcm/v1"), "AES");
        this.indexKey = new SecretKeySpec(derive(masterKey, "lianmeng/pii/blind-index/v1"), "HmacSHA256");
    }

    /**
     * The master key from configuration (base64 of 32 bytes), else from {@code keyDir}, else a new one generated and
     * persisted there (owner-only permissions) — for local runs.
     */
    public static PersonalDataCipher load(String base64Key, Path keyDir) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new PersonalDataCipher(decodeKey(base64Key, "LIANMENG_PII_KEY"));
        }
        Path file = keyDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new PersonalDataCipher(decodeKey(Files.readString(file), file.toString()));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyDir);
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            log.warn("Generated a new personal-data encryption key in {} (set LIANMENG_PII_KEY in production and keep a backup:"
                    + " without it the stored ID numbers cannot be read)", keyDir.toAbsolutePath());
            return new PersonalDataCipher(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the personal-data key in " + keyDir, e);
        }
    }

    private static byte[] decodeKey(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the personal-data key in " + source + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException("the personal-data key in " + source + " must be 32 bytes (256 bits), got " + key.length);
        }
        return key;
    }

    private static byte[] derive(byte[] master, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label.getBytes(UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (e.g. {@code member:<id>:idNumber}). */
    public String encrypt(String context, String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a value written by {@link #encrypt}; fails if it was tampered with or belongs to another context. */
    public String decrypt(String context, String ciphertext) {
        if (ciphertext == null || !ciphertext.startsWith(VERSION)) {
            throw new IllegalArgumentException("not a v1 ciphertext");
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(ciphertext.substring(VERSION.length()));
            if (in.length < IV_BYTES + TAG_BITS / 8) {
                throw new IllegalArgumentException("ciphertext too short");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, Arrays.copyOf(in, IV_BYTES)));
            cipher.updateAAD(context.getBytes(UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ciphertext does not authenticate (wrong key, context or tampered)", e);
        }
    }

    /** The blind index of a (normalised) value within one alliance. */
    public String blindIndex(String allianceId, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            mac.update(allianceId.getBytes(UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
