package cn.lianmeng.org.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonalDataCipherTest {

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }

    private final PersonalDataCipher cipher = new PersonalDataCipher(key(7));
    private final String id = IdNumber.withCheck("31011519900307123");

    @Test
    void roundTripsWithARandomIvAndNoPlaintextInTheCiphertext() {
        String a = cipher.encrypt("member:1:idNumber", id);
        String b = cipher.encrypt("member:1:idNumber", id);
        assertThat(a).startsWith("v1:").isNotEqualTo(b).doesNotContain(id).doesNotContain(id.substring(6, 14));
        assertThat(cipher.decrypt("member:1:idNumber", a)).isEqualTo(id);
        assertThat(cipher.decrypt("member:1:idNumber", b)).isEqualTo(id);
    }

    @Test
    void aCiphertextIsBoundToItsContextAndKeyAndDetectsTampering() {
        String sealed = cipher.encrypt("member:1:idNumber", id);
        assertThatThrownBy(() -> cipher.decrypt("member:2:idNumber", sealed)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonalDataCipher(key(8)).decrypt("member:1:idNumber", sealed))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
        raw[raw.length - 20] ^= 1;
        String tampered = "v1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertThatThrownBy(() -> cipher.decrypt("member:1:idNumber", tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.decrypt("member:1:idNumber", "plain")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBlindIndexIsDeterministicPerAllianceAndKeyed() {
        String h = cipher.blindIndex("alliance-a", id);
        assertThat(h).hasSize(64).isEqualTo(cipher.blindIndex("alliance-a", id)).doesNotContain(id);
        assertThat(cipher.blindIndex("alliance-b", id)).isNotEqualTo(h);
        assertThat(cipher.blindIndex("alliance-a", IdNumber.withCheck("31011519900307125"))).isNotEqualTo(h);
        assertThat(new PersonalDataCipher(key(8)).blindIndex("alliance-a", id)).isNotEqualTo(h);
    }

    @Test
    void theKeyComesFromConfigurationOrIsGeneratedOnceAndKept(@TempDir Path dir) throws Exception {
        String configured = Base64.getEncoder().encodeToString(key(7));
        String sealed = PersonalDataCipher.load(configured, dir).encrypt("c", "secret");
        assertThat(cipher.decrypt("c", sealed)).isEqualTo("secret");
        assertThat(Files.exists(dir.resolve(PersonalDataCipher.KEY_FILE))).isFalse();

        PersonalDataCipher generated = PersonalDataCipher.load("", dir);
        assertThat(Files.readString(dir.resolve(PersonalDataCipher.KEY_FILE)).strip()).hasSize(44);
        String kept = generated.encrypt("c", "secret");
        assertThat(PersonalDataCipher.load(null, dir).decrypt("c", kept)).isEqualTo("secret");

        assertThatThrownBy(() -> PersonalDataCipher.load(Base64.getEncoder().encodeToString(new byte[16]), dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> PersonalDataCipher.load("not base64!", dir)).isInstanceOf(IllegalStateException.class);
    }
}
