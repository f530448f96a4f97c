// sign-in page
