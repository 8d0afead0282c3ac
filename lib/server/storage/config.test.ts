import { describe, expect, it } from "vitest";
import { parseStorageUrl } from "./config";

describe("parseStorageUrl", () => {
  it("keeps the local folder when STORAGE_URL is unset or blank", () => {
    expect(parseStorageUrl(undefined)).toBeNull();
    expect(parseStorageUrl("  ")).toBeNull();
  });

  it("reads the bucket, prefix and options, with AWS's defaults", () => {
    expect(parseStorageUrl("s3://recap-uploads")).toEqual({
      bucket: "recap-uploads",
      prefix: "",
      region: "us-east-1",
      forcePathStyle: false,
    });
    expect(parseStorageUrl("s3://recap/district/school-a/?endpoint=http://127.0.0.1:9000&region=eu-central-1&forcePathStyle=true")).toEqual(
      {
        bucket: "recap",
        prefix: "district/school-a/",
        endpoint: "http://127.0.0.1:9000",
        region: "eu-central-1",
        forcePathStyle: true,
      },
    );
  });

  it("lists every problem at once and says how the variable should look", () => {
    const attempt = () => parseStorageUrl("s3://My_Bucket?endpoint=ftp://files&forcePathStyle=yes&forcepathstyle=true");
    expect(attempt).toThrow(/bucket name/);
    expect(attempt).toThrow(/\?endpoint: must be an http/);
    expect(attempt).toThrow(/\?forcePathStyle: must be true or false/);
    expect(attempt).toThrow(/unknown option forcepathstyle/);
    expect(attempt).toThrow(/Expected s3:\/\/BUCKET/);
  });

  it("refuses another scheme and credentials in the address, without repeating the secret", () => {
    expect(() => parseStorageUrl("https://bucket.s3.amazonaws.com")).toThrow(/must start with s3:\/\//);
    const message = (() => {
      try {
        parseStorageUrl("s3://AKIA:very-secret@recap");
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/must not carry credentials: set AWS_ACCESS_KEY_ID/);
    expect(message).not.toMatch(/very-secret|AKIA/);
  });
});
