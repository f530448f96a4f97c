package io.sequent.directory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemCertificatesTest {

    @TempDir
    Path dir;

    /** A self-signed certificate made by the JDK's keytool, valid from {@code startDate} for {@code days}. */
    String certificate(String name, String startDate, int days) throws Exception {
        Path store = dir.resolve(name + ".p12");
        run("keytool", "-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", "CN=" + name, "-validity", Integer.toString(days),
                "-startdate", startDate, "-ext", "bc:c", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        return run("keytool", "-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit");
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void readsOneOrMoreCertificatesWithTextAroundThem() throws Exception {
        String a = certificate("ca-a", "-1d", 30);
        String b = certificate("ca-b", "-1d", 30);
        var certificates = PemCertificates.parse("our root:\n" + a + "\nand the old one:\n" + b, Instant.now());
        assertThat(certificates).hasSize(2);
        assertThat(certificates.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=ca-a");
        assertThat(PemCertificates.trustStore(certificates).size()).isEqualTo(2);
    }

    @Test
    void refusesWhatIsNotAUsableCertificate() throws Exception {
        assertThatThrownBy(() -> PemCertificates.parse("  ", Instant.now())).hasMessageContaining("no certificate");
        assertThatThrownBy(() -> PemCertificates.parse("hello", Instant.now())).hasMessageContaining("no certificate");
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", Instant.now()))
                .hasMessageContaining("certificate 1 is not an X.509 certificate");
        assertThatThrownBy(() -> PemCertificates.parse("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", Instant.now()))
                .hasMessageContaining("PRIVATE KEY").hasMessageContaining("never send a private key");
        String expired = certificate("old", "-10d", 2);
        assertThatThrownBy(() -> PemCertificates.parse(expired, Instant.now())).hasMessageContaining("expired");
        String valid = certificate("fine", "-1d", 30);
        assertThatThrownBy(() -> PemCertificates.parse(valid + expired, Instant.now())).hasMessageContaining("certificate 2");
        assertThat(PemCertificates.parse(List.of(valid).get(0), Instant.now())).hasSize(1);
        Files.deleteIfExists(dir.resolve("unused"));
    }
}
