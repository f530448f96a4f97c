package io.sequent.factor.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sequent.testing.OidcTestResource;
import io.sequent.testing.TestTokens;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Tokens quarkus-oidc accepted are answered from {@link VerifiedTokens} by their exact text, with the
 * same identity (roles and subject still decide), never past their expiry, and never for another string.
 */
@QuarkusTest
@QuarkusTestResource(value = OidcTestResource.class, restrictToAnnotatedClass = false)
class VerifiedTokensTest {

    @Inject
    VerifiedTokens tokens;

    /** An unknown user: 404 once the caller is authenticated and allowed, 401 or 403 before that. */
    private static int listFactors(String token, String userId) {
        return given().auth().oauth2(token).get("/api/v1/users/" + userId + "/factors").then().extract().statusCode();
    }

    @Test
    void anAcceptedTokenIsKeptAndAnsweredAgainWithTheSameIdentity() {
        String token = TestTokens.token("admin-" + UUID.randomUUID(), "admin");
        assertTrue(tokens.find(token).isEmpty());
        assertEquals(404, listFactors(token, UUID.randomUUID().toString()));
        assertTrue(tokens.find(token).isPresent(), "kept after quarkus-oidc accepted it");
        assertTrue(tokens.find(token).get().hasRole("admin"));
        long before = tokens.hits();
        assertEquals(404, listFactors(token, UUID.randomUUID().toString()));
        assertEquals(before + 1, tokens.hits(), "the second request was answered from the cache");
    }

    @Test
    void aKeptTokenStillCarriesOnlyItsOwnRolesAndSubject() {
        // a user's own token may read their own factors, not someone else's: the second answer comes from the cache
        String self = UUID.randomUUID().toString();
        String token = TestTokens.token(self);
        assertEquals(403, listFactors(token, UUID.randomUUID().toString()));
        assertTrue(tokens.find(token).isPresent());
        assertEquals(403, listFactors(token, UUID.randomUUID().toString()));
        assertEquals(404, listFactors(token, self));
    }

    @Test
    void anyOtherStringIsVerifiedInFull() {
        String token = TestTokens.token("admin-" + UUID.randomUUID(), "admin");
        assertEquals(404, listFactors(token, UUID.randomUUID().toString()));
        // the same claims with a character in the middle of the signature changed (the last one may only carry
        // padding bits), and a token signed by a key nobody trusts
        int at = token.lastIndexOf('.') + 20;
        String tampered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertEquals(401, listFactors(tampered, UUID.randomUUID().toString()));
        assertEquals(401, listFactors(TestTokens.foreign("admin"), UUID.randomUUID().toString()));
        assertTrue(tokens.find(tampered).isEmpty());
    }

    @Test
    void aKeptTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        String token = TestTokens.expiringIn(2, "admin-" + UUID.randomUUID(), "admin");
        assertEquals(404, listFactors(token, UUID.randomUUID().toString()));
        assertTrue(tokens.find(token).isPresent());
        Thread.sleep(3100);
        assertFalse(tokens.find(token).isPresent(), "never kept past its exp");
        assertEquals(401, listFactors(token, UUID.randomUUID().toString()));
    }
}
