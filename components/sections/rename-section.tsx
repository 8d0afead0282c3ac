"use client";

import { renameSectionAction } from "@/app/sections/actions";
import { HeadingEditor, useHeadingEditor } from "@/components/forms/heading-editor";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { toast } from "@/components/ui/toast";
import { SECTION_NAME_MAX, SECTION_TERM_MAX, updateSectionSchema } from "@/lib/validations/sections";

export function RenameSection({ sectionId, name, term }: { sectionId: string; name: string; term: string | null }) {
  const editor = useHeadingEditor("rename-section");
  const action = useActionForm({
    schema: updateSectionSchema,
    action: renameSectionAction,
    defaultValues: { sectionId, name, term: term ?? "" },
    onSuccess: () => {
      toast.success("Section renamed.");
      editor.close();
    },
  });
  const { form, errors } = action;
  return (
    <HeadingEditor
      heading={name}
      details={term && <span>{term}</span>}
      buttonLabel="Rename"
      editor={editor}
      action={action}
      // Saved here and tidied by the server, or renamed in another tab and refreshed: the form opens on the name shown.
      onOpen={() => form.reset({ sectionId, name, term: term ?? "" })}
      formLabel="Rename section"
      saveLabel="Save"
    >
      <Field label="Section name" autoFocus maxLength={SECTION_NAME_MAX} error={errors.name?.message} {...form.register("name")} />
      <Field label="Term (optional)" maxLength={SECTION_TERM_MAX} error={errors.term?.message} {...form.register("term")} />
    </HeadingEditor>
  );
}
