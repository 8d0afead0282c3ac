import type { Locator, Page } from "@playwright/test";
import { waitForReady } from "../ui";

/** The sign-in form, filled by hand (for a password that is not the fixtures' own, or one that must fail). */
export class SignInForm {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("main").getByRole("button", { name: "Sign in" });
    this.error = page.getByTestId("form-error");
  }

  async open() {
    await this.page.goto("/sign-in");
    await waitForReady(this.page);
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
