package io.sequent.factor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sequent.factor.webauthn.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustAnchorFilesTest {

    static final TestCa FIRST = TestCa.root("First Root");
    static final TestCa SECOND = TestCa.root("Second Root");

    @Test
    void readsEveryCertificateOfAPemFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("anchors.pem"), FIRST.pem() + SECOND.pem());
        assertThat(TrustAnchorFiles.read(file)).containsExactly(FIRST.certificate(), SECOND.certificate());
    }

    @Test
    void readsTheCertificateFilesOfADirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.crt"), SECOND.pem());
        Files.writeString(dir.resolve("a.pem"), FIRST.pem());
        Files.writeString(dir.resolve("README.txt"), "not a certificate");
        Files.writeString(dir.resolve(".hidden.pem"), "not a certificate either");
        assertThat(TrustAnchorFiles.read(dir)).containsExactly(FIRST.certificate(), SECOND.certificate());
    }

    @Test
    void aMissingEmptyOrUnreadableAnchorIsAnErrorThatNamesTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> TrustAnchorFiles.read(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem").hasMessageContaining("does not exist");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustAnchorFiles.read(garbage))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("garbage.pem");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "");
        assertThatThrownBy(() -> TrustAnchorFiles.read(empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no *.pem");
    }
}
