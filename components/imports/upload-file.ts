import { ApiError } from "@/components/app/api-client";

export type UploadedFile = { upload: string; name: string; size: number; format: string };

/**
 * Sends a file as the raw body of `POST /api/v1/imports/uploads`, reporting the share sent: fetch cannot
 * report upload progress, XMLHttpRequest can.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/api/v1/imports/uploads?${new URLSearchParams({ name: file.name })}`);
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onerror = () => reject(new ApiError("network", 0, "The upload was interrupted."));
    request.onload = () => {
      const body = (() => {
        try {
          return JSON.parse(request.responseText) as UploadedFile & { error?: { code?: string; message?: string } };
        } catch {
          return null;
        }
      })();
      if (request.status === 201 && body) resolve(body);
      else reject(new ApiError(body?.error?.code ?? "unexpected", request.status, body?.error?.message ?? `The upload failed (${request.status}).`));
    };
    request.send(file);
  });
}
