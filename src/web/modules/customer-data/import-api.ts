import i18n from '../../i18n/i18n';
import { ApiError } from '../../ui/api';
import type { ImportView } from './import-types';

/**
 * Uploads an import file as multipart (field `file`) with upload progress (fetch cannot report
 * it); the answer is the new import with its headers, suggested mapping and first rows.
 */
export function uploadImportFile(file: File, onProgress?: (percent: number) => void): Promise<ImportView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/customer-imports');
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept-language', i18n.language);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('auth.networkError')));
    xhr.onload = () => {
      let data: { error?: { code?: string; message?: string; details?: unknown } } | ImportView | undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as ImportView);
      const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error ?? {};
      if (xhr.status === 401) window.dispatchEvent(new Event('kefu:unauthenticated'));
      reject(new ApiError(xhr.status, err.code ?? 'internal', err.message ?? xhr.statusText, err.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
