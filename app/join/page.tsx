import type { Metadata } from "next";
import { JoinCodeForm } from "@/components/join/join-code-form";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/server/authz";

export const metadata: Metadata = { title: "Join a class" };

export default async function JoinPage() {
  const user = await getCurrentUser();
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-2 text-center text-2xl font-bold">Join a class</h1>
      <p className="mb-6 text-center text-sm text-slate-600">Type the code your teacher shared, or open their join link.</p>
      <Card>
        {user?.role === "teacher" ? (
          <p className="text-sm text-slate-700">You&apos;re signed in as a teacher. Students use this page to join your sections.</p>
        ) : (
          <JoinCodeForm signedInStudent={user?.role === "student"} />
        )}
      </Card>
    </div>
  );
}
