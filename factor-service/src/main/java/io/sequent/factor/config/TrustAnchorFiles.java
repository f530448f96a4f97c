package io.sequent.factor.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the WebAuthn trust anchors: X.509 certificates from a PEM (or DER) file, or from every {@code *.pem},
 * {@code *.crt} and {@code *.cer} file of a directory. Anything unreadable is an error that names the file, so a
 * wrong path stops the service at start rather than refusing every registration later.
 */
public final class TrustAnchorFiles {

    private static final List<String> EXTENSIONS = List.of(".pem", ".crt", ".cer");

    private TrustAnchorFiles() {
    }

    public static List<X509Certificate> read(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(path)) {
                files = listing.filter(Files::isRegularFile).filter(TrustAnchorFiles::certificateFile).sorted().toList();
            } catch (IOException e) {
                throw new IllegalArgumentException("the WebAuthn trust anchor directory " + path + " cannot be read: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("the WebAuthn trust anchor directory " + path + " holds no *.pem, *.crt or *.cer file");
            }
            List<X509Certificate> all = new ArrayList<>();
            files.forEach(f -> all.addAll(readFile(f)));
            return List.copyOf(all);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("the WebAuthn trust anchor file " + path + " does not exist");
        }
        return readFile(path);
    }

    private static boolean certificateFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static List<X509Certificate> readFile(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("the WebAuthn trust anchor file " + file + " is not a PEM or DER X.509 certificate: "
                    + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the WebAuthn trust anchor file " + file + " holds no certificate");
        }
        return certificates.stream().map(X509Certificate.class::cast).toList();
    }
}
