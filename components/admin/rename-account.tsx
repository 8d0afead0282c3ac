"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { renameAccountAction } from "@/app/admin/actions";
import { HeadingEditor, useHeadingEditor } from "@/components/forms/heading-editor";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { NAME_MAX } from "@/lib/validations/auth";
import { renameAccountSchema } from "@/lib/validations/admin";

/**
 * The account page's heading, with a way to correct the name: a typo at sign-up, or in the roster a
 * teacher imported, that the student can't fix. Pages, class lists and exports show the new name from
 * the next request.
 */
export function RenameAccount({ userId, name, children }: { userId: string; name: string; children?: ReactNode }) {
  const router = useRouter();
  const editor = useHeadingEditor("rename-account");
  const action = useActionForm({
    schema: renameAccountSchema,
    action: renameAccountAction,
    defaultValues: { userId, name, from: name },
    onSuccess: (saved) => {
      toast.success(`The name is now ${saved.name}.`);
      editor.close();
      router.refresh();
    },
  });
  const { form, errors } = action;
  return (
    <HeadingEditor
      heading={name}
      details={children}
      buttonLabel="Correct the name"
      editor={editor}
      action={action}
      // On the name the page shows now (refreshed since a save, say): a change made since is refused as stale.
      onOpen={() => form.reset({ userId, name, from: name })}
      formLabel="Correct the name"
      saveLabel="Save name"
    >
      <Field
        label="Name"
        autoFocus
        autoComplete="off"
        maxLength={NAME_MAX}
        hint="As the school knows them: teachers, rosters and exports show it."
        error={errors.name?.message}
        {...form.register("name")}
      />
    </HeadingEditor>
  );
}
