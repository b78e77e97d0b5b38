// /api/files: upload a file (multipart, field "file") and download it with a scope check.
import { MAX_FILE_BYTES, ZId, ZStoredFile, invalid, safeFileName } from '@yanzhen/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../core/auth';
import type { AppContext } from '../../core/context';
import { createFilesService } from './files.service';

export const fileRoutes = (ctx: AppContext): FastifyPluginAsyncZod => async (app) => {
  const service = createFilesService(ctx);
  const tags = ['文件'];

  app.post(
    '/files',
    {
      config: { access: 'files.upload' },
      schema: {
        tags,
        summary: '上传文件（图片、PDF、Office 文档，最大 20 MB）；orgId 为所属组织，默认本账号的组织',
        consumes: ['multipart/form-data'],
        querystring: z.object({ orgId: ZId.optional() }),
        response: { 200: ZStoredFile },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const file = req.isMultipart() ? await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1 } }) : undefined;
      if (!file) throw invalid('请选择要上传的文件', undefined, 'FILE_MISSING');
      const data = await file.toBuffer();
      const fileName = safeFileName(file.filename, '文件');
      return service.upload(actor, { fileName, data, orgId: req.query.orgId ?? null });
    },
  );

  app.get(
    '/files/:id',
    { config: { access: 'files.read' }, schema: { tags, summary: '下载或查看文件', params: z.object({ id: ZId }), response: { 200: z.any().describe('文件内容') } } },
    async (req, reply) => {
      const { file, content } = await service.download(requireActor(req), req.params.id);
      const inline = file.mime.startsWith('image/') || file.mime === 'application/pdf';
      reply
        .header('content-type', file.mime)
        .header('content-length', String(content.length))
        .header('cache-control', 'private, max-age=86400')
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.originalName)}`);
      return reply.send(content);
    },
  );
};
