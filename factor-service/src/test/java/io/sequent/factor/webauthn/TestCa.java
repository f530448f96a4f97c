package io.sequent.factor.webauthn;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A certificate authority for WebAuthn attestation tests, made with Bouncy Castle: a self-signed root (what an admin
 * configures as a trust anchor), intermediates under it, and packed attestation certificates (the FIDO certificate
 * requirements: OU "Authenticator Attestation", not a CA, optionally the id-fido-gen-ce-aaguid extension) whose keys
 * a {@link SoftwareAuthenticator} signs its attestation with.
 */
public final class TestCa {

    /** The FIDO extension that names the authenticator model an attestation certificate belongs to. */
    private static final ASN1ObjectIdentifier FIDO_AAGUID = new ASN1ObjectIdentifier("1.3.6.1.4.1.45724.1.1.4");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An attestation key and the certificate path the authenticator sends as x5c: its certificate first, then the intermediates. */
    public record Attester(PrivateKey key, List<X509Certificate> x5c) {
    }

    private final PrivateKey key;
    private final X509Certificate certificate;
    /** This CA's certificate and the intermediates between it and the root; empty for a root. */
    private final List<X509Certificate> path;

    private TestCa(PrivateKey key, X509Certificate certificate, List<X509Certificate> path) {
        this.key = key;
        this.certificate = certificate;
        this.path = List.copyOf(path);
    }

    /** A self-signed root valid from yesterday for twenty years. */
    public static TestCa root(String commonName) {
        KeyPair keys = keyPair();
        X500Name name = new X500Name("C=SE, O=Sequent Test, CN=" + commonName);
        Instant now = Instant.now();
        X509Certificate cert = issue(name, keys.getPublic(), name, keys.getPrivate(), null, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(365 * 20)), true, null);
        return new TestCa(keys.getPrivate(), cert, List.of());
    }

    /** A CA issued by this one (its certificate travels in the x5c of the attestations it issues). */
    public TestCa intermediate(String commonName) {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X509Certificate cert = issue(new X500Name("C=SE, O=Sequent Test, CN=" + commonName), keys.getPublic(), subject(), key,
                certificate, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365 * 10)), true, null);
        List<X509Certificate> above = new ArrayList<>();
        above.add(cert);
        above.addAll(path);
        return new TestCa(keys.getPrivate(), cert, above);
    }

    /** An attestation certificate valid now, without the AAGUID extension. */
    public Attester attester() {
        Instant now = Instant.now();
        return attester(null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    /** An attestation certificate for the model {@code aaguid} (null: no extension), valid between the two instants. */
    public Attester attester(UUID aaguid, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        X509Certificate cert = issue(new X500Name("C=SE, O=Sequent Test, OU=Authenticator Attestation, CN=Test Authenticator"),
                keys.getPublic(), subject(), key, certificate, notBefore, notAfter, false, aaguid);
        List<X509Certificate> x5c = new ArrayList<>();
        x5c.add(cert);
        x5c.addAll(path);
        return new Attester(keys.getPrivate(), x5c);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM, what an admin puts in the trust anchor file. */
    public String pem() {
        return pem(certificate);
    }

    /** Writes the CA certificate and its private key (PKCS#8) as PEM files. */
    public void write(Path certificateFile, Path keyFile) {
        try {
            Files.createDirectories(certificateFile.toAbsolutePath().getParent());
            Files.writeString(certificateFile, pem());
            Files.writeString(keyFile, pem(new JcaPKCS8Generator(key, null)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A root written by {@link #write}. */
    public static TestCa read(Path certificateFile, Path keyFile) {
        try (Reader certIn = Files.newBufferedReader(certificateFile); Reader keyIn = Files.newBufferedReader(keyFile);
             PEMParser certs = new PEMParser(certIn); PEMParser keys = new PEMParser(keyIn)) {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) certs.readObject());
            PrivateKey key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) keys.readObject());
            return new TestCa(key, cert, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private X500Name subject() {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static X509Certificate issue(X500Name subject, PublicKey publicKey, X500Name issuer, PrivateKey issuerKey,
                                         X509Certificate issuerCertificate, Instant notBefore, Instant notAfter, boolean ca,
                                         UUID aaguid) {
        try {
            var utils = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            if (issuerCertificate != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuerCertificate));
            }
            if (ca) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            if (aaguid != null) {
                byte[] bytes = ByteBuffer.allocate(16).putLong(aaguid.getMostSignificantBits())
                        .putLong(aaguid.getLeastSignificantBits()).array();
                builder.addExtension(FIDO_AAGUID, false, new DEROctetString(bytes));
            }
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) {
        var out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
