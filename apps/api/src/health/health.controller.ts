import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '#libs/policy';
import type { Response } from 'express';
import { HealthService } from './health.service.js';
import { HealthStatus } from './health.types.js';

/** Plain HTTP health for load balancers and orchestrators: 503 when the store is down. */
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Public()
  @Get()
  async get(@Res() response: Response): Promise<void> {
    const health = await this.health.check();
    response.status(health.status === HealthStatus.DOWN ? 503 : 200).json(health);
  }
}
